"""Trace context carried in message headers (W3C `traceparent`/`tracestate`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from opentelemetry import context, propagate, trace
from opentelemetry.trace import Span, SpanKind

TRACER = "intellimall"


def tracer() -> trace.Tracer:
    return trace.get_tracer(TRACER)


@contextmanager
def producer_span(name: str, message_id: str, subject: str) -> Iterator[dict[str, str]]:
    """A PRODUCER span for one outgoing message; yields the headers that carry it."""
    with tracer().start_as_current_span(
        name, kind=SpanKind.PRODUCER, attributes={"MessageID": message_id, "Subject": subject}
    ):
        carrier: dict[str, str] = {}
        propagate.inject(carrier)
        yield carrier


@contextmanager
def consumer_span(
    name: str, message_id: str, subject: str, headers: Mapping[str, str]
) -> Iterator[Span]:
    """A CONSUMER span, child of the producer's span found in `headers`."""
    parent = propagate.extract(dict(headers))
    token = context.attach(parent)
    try:
        with tracer().start_as_current_span(
            name, kind=SpanKind.CONSUMER, attributes={"MessageID": message_id, "Subject": subject}
        ) as span:
            yield span
    finally:
        context.detach(token)


def configure_tracing(service_name: str = "intellimall") -> None:
    """Install an SDK tracer provider once, so trace context is created and propagated.

    Spans are exported only where a processor is added (tests add an in-memory exporter).
    """
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider

    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        trace.set_tracer_provider(
            TracerProvider(resource=Resource.create({"service.name": service_name}))
        )
