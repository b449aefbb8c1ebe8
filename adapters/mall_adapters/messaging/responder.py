"""Query responders: core NATS request/reply, answered from the reserved read capacity."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping
from contextlib import AbstractAsyncContextManager
from typing import Any, TypeVar

import msgspec
from faststream import Response
from faststream.nats import NatsMessage, NatsRouter

from mall_adapters.observability.metrics import MessageMetrics
from mall_adapters.observability.tracing import server_span
from mall_adapters.reliability.envelope import HEADER_ID, HEADER_NAME

Q = TypeVar("Q", bound=msgspec.Struct)
R = TypeVar("R", bound=msgspec.Struct)

ReadScope = Callable[[], AbstractAsyncContextManager[object]]
"""Reads inside the block use capacity kept for responders (other modules wait on them)."""


def answer(
    router: NatsRouter,
    subject: str,
    queue: str,
    request: type[Q],
    handler: Callable[[Q], Awaitable[R]],
    replies: Mapping[type[msgspec.Struct], str],
    *,
    reads: ReadScope,
    metrics: MessageMetrics,
) -> None:
    """Subscribe a queue group on `subject` answering each request with `handler`'s result,
    named by `replies`; the request's id with `.reply` appended is the reply's id."""
    decoder = msgspec.json.Decoder(request)

    async def respond(msg: NatsMessage) -> Response:
        name = msg.headers.get(HEADER_NAME, subject)
        started = time.perf_counter()
        handled = False
        try:
            with server_span(name, subject, msg.headers):
                query = decoder.decode(msg.body)
                async with reads():
                    result: Any = await handler(query)
            handled = True
        finally:
            metrics.received(name, handled, time.perf_counter() - started)
        reply_id = msg.headers.get(HEADER_ID, "")
        headers = {HEADER_NAME: replies[type(result)], HEADER_ID: f"{reply_id}.reply"}
        return Response(msgspec.json.encode(result), headers=headers)

    router.subscriber(subject, queue=queue, title=queue)(respond)
