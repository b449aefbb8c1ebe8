"""Tracing follows the standard `OTEL_*` variables and is off, at no cost, without them: no
provider is installed and every span helper hands back the same do-nothing object, so no
message carries trace context. With an exporter named, spans are made and their context
is written into message headers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter as Grpc
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter as Http
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import ConsoleSpanExporter

from mall_adapters.observability import tracing
from mall_adapters.observability.exporters import (
    TracingConfigError,
    configure_tracing,
    exporter_name,
    span_exporter,
)


@pytest.fixture
def cleanup() -> Iterator[None]:
    yield
    provider = tracing.installed()
    tracing.uninstall()
    if isinstance(provider, TracerProvider):
        provider.shutdown()


@pytest.mark.parametrize(
    ("env", "name"),
    [
        ({}, "none"),
        ({"OTEL_TRACES_EXPORTER": "none"}, "none"),
        ({"OTEL_TRACES_EXPORTER": "console"}, "console"),
        ({"OTEL_TRACES_EXPORTER": "otlp"}, "otlp"),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://jaeger:4318"}, "otlp"),
        ({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://jaeger:4318/v1/traces"}, "otlp"),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://x:4318", "OTEL_TRACES_EXPORTER": "none"}, "none"),
        ({"OTEL_TRACES_EXPORTER": "console", "OTEL_SDK_DISABLED": "true"}, "none"),
    ],
)
def test_the_exporter_is_chosen_by_the_variables(env: dict[str, str], name: str) -> None:
    assert exporter_name(env) == name


def test_an_unknown_exporter_or_protocol_is_an_error() -> None:
    with pytest.raises(TracingConfigError):
        exporter_name({"OTEL_TRACES_EXPORTER": "zipkin"})
    with pytest.raises(TracingConfigError):
        span_exporter("otlp", {"OTEL_EXPORTER_OTLP_PROTOCOL": "http/json"})


def test_the_otlp_protocol_picks_the_exporter() -> None:
    assert isinstance(span_exporter("otlp", {}), Http)
    assert isinstance(span_exporter("otlp", {"OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"}), Grpc)
    traces_only = {
        "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc",
        "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "http/protobuf",
    }
    assert isinstance(span_exporter("otlp", traces_only), Http)
    assert isinstance(span_exporter("console", {}), ConsoleSpanExporter)


def test_without_variables_nothing_is_installed_and_no_span_is_made() -> None:
    assert configure_tracing({}) is None
    assert tracing.installed() is None
    first = tracing.producer_span("a.Event", "1", "subject.a")
    again = tracing.consumer_span("b.Event", "2", "subject.b", {"traceparent": "x"})
    assert first is tracing.producer_span("c.Event", "3", "subject.c")  # one shared object
    assert again is tracing.consumer_span("d.Event", "4", "subject.d", {})
    with first as headers:
        assert dict(headers) == {}


def test_a_named_exporter_installs_tracing_and_messages_carry_the_context(
    cleanup: None,
) -> None:
    provider = configure_tracing({"OTEL_TRACES_EXPORTER": "console"})
    assert provider is not None and tracing.installed() is provider
    assert configure_tracing({}) is provider  # once per process: the first one stays
    with tracing.producer_span("a.Event", "1", "subject.a") as headers:
        assert headers["traceparent"].startswith("00-")
