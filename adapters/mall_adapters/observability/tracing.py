"""Spans around the hot paths, and trace context carried in message headers (W3C
`traceparent`/`tracestate`).

Tracing is off unless `install` was called (by `configure_tracing`, from the `OTEL_*`
variables, or by a test). While it is off every helper here returns a shared do-nothing
context manager: no tracer is looked up and no span is made, so the hot paths pay one
module-global read per message.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from types import MappingProxyType
from typing import TypeVar

from opentelemetry import context, propagate, trace
from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
from opentelemetry.instrumentation.utils import suppress_instrumentation
from opentelemetry.trace import INVALID_SPAN, Span, SpanKind, TracerProvider

TRACER = "intellimall"
T = TypeVar("T")
NO_HEADERS: Mapping[str, str] = MappingProxyType({})
_NOT_TRACED_HEADERS = nullcontext(NO_HEADERS)
_NOT_TRACED_SPAN: AbstractContextManager[Span] = nullcontext(INVALID_SPAN)
_NOTHING: AbstractContextManager[object] = nullcontext()

_tracer: trace.Tracer | None = None
_provider: TracerProvider | None = None


def install(provider: TracerProvider) -> None:
    """Trace from now on into `provider`: our spans, and asyncpg's SQL spans."""
    global _tracer, _provider
    _provider, _tracer = provider, provider.get_tracer(TRACER)
    AsyncPGInstrumentor().instrument(  # type: ignore[no-untyped-call]
        tracer_provider=provider
    )


def uninstall() -> None:
    """Stop tracing (tests that installed a provider call this when done)."""
    global _tracer, _provider
    if _provider is not None:
        AsyncPGInstrumentor().uninstrument()  # type: ignore[no-untyped-call]
    _provider = _tracer = None


def installed() -> TracerProvider | None:
    return _provider


def enabled() -> bool:
    return _tracer is not None


def producer_span(
    name: str, message_id: str, subject: str
) -> AbstractContextManager[Mapping[str, str]]:
    """A PRODUCER span for one message written to the outbox; yields the headers that carry
    it (stored with the message, so the relay and the consumers continue this trace)."""
    if _tracer is None:
        return _NOT_TRACED_HEADERS
    return _injecting(_tracer, f"outbox {name}", SpanKind.PRODUCER, _message(message_id, subject))


def publish_span(
    name: str, message_id: str, subject: str, headers: Mapping[str, str]
) -> AbstractContextManager[Mapping[str, str]]:
    """The relay's PRODUCER span for one publish to NATS, child of the outbox write found in
    `headers`; yields the headers to publish with (carrying this span)."""
    if _tracer is None:
        return _NOT_TRACED_HEADERS
    span = _injecting(_tracer, f"publish {name}", SpanKind.PRODUCER, _message(message_id, subject))
    return _child(headers, span)


def consumer_span(
    name: str, message_id: str, subject: str, headers: Mapping[str, str]
) -> AbstractContextManager[Span]:
    """A CONSUMER span for one delivery, child of the publish found in `headers`."""
    if _tracer is None:
        return _NOT_TRACED_SPAN
    span = _tracer.start_as_current_span(
        f"consume {name}",
        kind=SpanKind.CONSUMER,
        attributes=_message(message_id, subject),
    )
    return _child(headers, span)


def client_span(name: str, subject: str) -> AbstractContextManager[Mapping[str, str]]:
    """A CLIENT span for one request/reply look-up; yields the headers that carry it."""
    if _tracer is None:
        return _NOT_TRACED_HEADERS
    return _injecting(
        _tracer, f"request {name}", SpanKind.CLIENT, {"messaging.destination.name": subject}
    )


def server_span(
    name: str, subject: str, headers: Mapping[str, str]
) -> AbstractContextManager[Span]:
    """A SERVER span answering one look-up, child of the requester's span in `headers`."""
    if _tracer is None:
        return _NOT_TRACED_SPAN
    span = _tracer.start_as_current_span(
        f"answer {name}", kind=SpanKind.SERVER, attributes={"messaging.destination.name": subject}
    )
    return _child(headers, span)


def internal_span(name: str, attributes: Mapping[str, str | int]) -> AbstractContextManager[object]:
    """An INTERNAL span (a saga step), child of the current one."""
    if _tracer is None:
        return _NOTHING
    return _tracer.start_as_current_span(name, attributes=dict(attributes))


def name_request_span(method: str, route: str) -> None:
    """Name the current (HTTP SERVER) span `<method> <route template>`, with `http.route`."""
    if _tracer is None:
        return
    span = trace.get_current_span()
    span.update_name(f"{method} {route}")
    span.set_attribute("http.route", route)


def untraced() -> AbstractContextManager[object]:
    """No spans inside (the relay's and sweepers' polling SQL would flood the traces)."""
    if _tracer is None:
        return _NOTHING
    return suppress_instrumentation()


def _message(message_id: str, subject: str) -> dict[str, str]:
    return {
        "messaging.system": "nats",
        "messaging.message.id": message_id,
        "messaging.destination.name": subject,
    }


@contextmanager
def _injecting(
    tracer: trace.Tracer, name: str, kind: SpanKind, attributes: Mapping[str, str]
) -> Iterator[Mapping[str, str]]:
    with tracer.start_as_current_span(name, kind=kind, attributes=dict(attributes)):
        carrier: dict[str, str] = {}
        propagate.inject(carrier)
        yield carrier


@contextmanager
def _child(headers: Mapping[str, str], inner: AbstractContextManager[T]) -> Iterator[T]:
    """`inner` entered in the trace context found in `headers` (a new trace when none)."""
    token = context.attach(propagate.extract(dict(headers)))
    try:
        with inner as value:
            yield value
    finally:
        context.detach(token)
