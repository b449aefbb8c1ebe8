"""`configure_tracing`: tracing set up from the standard `OTEL_*` variables, off by default.

- `OTEL_TRACES_EXPORTER`: `otlp`, `console` or `none`. Unset, tracing is on (with `otlp`)
  only when an `OTEL_EXPORTER_OTLP_ENDPOINT`/`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is set.
- `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL` / `OTEL_EXPORTER_OTLP_PROTOCOL`: `http/protobuf`
  (the default) or `grpc`. The exporters read their endpoint, headers and timeout
  variables themselves.
- `OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES`: the resource (default `intellimall`).
- `OTEL_SDK_DISABLED=true` turns everything off.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from opentelemetry import trace
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter

from mall_adapters.observability import tracing

ENDPOINTS = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")


class TracingConfigError(ValueError):
    """An `OTEL_*` variable names an exporter or protocol we do not have."""


def exporter_name(env: Mapping[str, str]) -> str:
    """`otlp`, `console` or `none`, from the variables."""
    if env.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return "none"
    names = [n.strip() for n in env.get("OTEL_TRACES_EXPORTER", "").split(",") if n.strip()]
    if not names:
        return "otlp" if any(env.get(key) for key in ENDPOINTS) else "none"
    if len(names) > 1 or names[0] not in ("otlp", "console", "none"):
        raise TracingConfigError(
            f"OTEL_TRACES_EXPORTER={env['OTEL_TRACES_EXPORTER']!r}: use one of otlp, console, none"
        )
    return names[0]


def span_exporter(name: str, env: Mapping[str, str]) -> SpanExporter:
    if name == "console":
        return ConsoleSpanExporter()
    protocol = env.get("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") or env.get(
        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"
    )
    if protocol == "grpc":
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        return OTLPSpanExporter()
    if protocol == "http/protobuf":
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import (
            OTLPSpanExporter as HttpSpanExporter,
        )

        return HttpSpanExporter()
    raise TracingConfigError(
        f"OTEL_EXPORTER_OTLP_(TRACES_)PROTOCOL={protocol!r}: use grpc or http/protobuf"
    )


def configure_tracing(env: Mapping[str, str] | None = None) -> trace.TracerProvider | None:
    """Install a tracer provider exporting as the variables say, once; returns the installed
    provider (one a test installed, too), or None when tracing is off. The provider is
    handed to what traces (our spans, Litestar, asyncpg), not made OpenTelemetry's global."""
    installed = tracing.installed()
    if installed is not None:
        return installed
    env = os.environ if env is None else env
    name = exporter_name(env)
    if name == "none":
        return None
    resource = Resource.create({SERVICE_NAME: env.get("OTEL_SERVICE_NAME", "intellimall")})
    provider = TracerProvider(resource=resource)
    provider.add_span_processor(BatchSpanProcessor(span_exporter(name, env)))
    tracing.install(provider)
    return provider
