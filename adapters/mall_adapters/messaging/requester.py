"""`NatsRequester`: core NATS request/reply for the cache-fallback queries.

A request from inside a database transaction raises `NetworkInTransactionError` at once.
Each look-up is counted (answered or not, with its latency) and, when tracing is on, is a
CLIENT span whose context travels in the request's headers.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping

import msgspec
import nats.errors
from faststream.nats import NatsBroker, NatsMessage

from mall.kernel.errors import UnavailableError
from mall_adapters.messaging.binding import Requester
from mall_adapters.observability.metrics import ANSWERED, UNAVAILABLE, LookupMetrics
from mall_adapters.observability.tracing import client_span
from mall_adapters.reliability.envelope import HEADER_ID, HEADER_NAME
from mall_adapters.reliability.guard import forbid_network_io


class NatsRequester(Requester):
    def __init__(self, broker: NatsBroker, timeout_seconds: float, metrics: LookupMetrics) -> None:
        self._broker = broker
        self._timeout = timeout_seconds
        self._metrics = metrics

    async def request(
        self,
        subject: str,
        name: str,
        query: msgspec.Struct,
        replies: Mapping[str, type[msgspec.Struct]],
    ) -> msgspec.Struct:
        forbid_network_io(f"{name} on {subject}")
        started = time.perf_counter()
        outcome = UNAVAILABLE
        try:
            with client_span(name, subject) as trace:
                reply = await self._ask(subject, name, query, trace)
            answer = self._decode(subject, name, reply, replies)
            outcome = ANSWERED
        finally:
            self._metrics.requested(name, outcome, time.perf_counter() - started)
        return answer

    async def _ask(
        self, subject: str, name: str, query: msgspec.Struct, trace: Mapping[str, str]
    ) -> NatsMessage:
        headers = {**trace, HEADER_ID: str(uuid.uuid4()), HEADER_NAME: name}
        try:
            return await self._broker.request(
                msgspec.json.encode(query), subject, headers=headers, timeout=self._timeout
            )
        except (TimeoutError, nats.errors.TimeoutError, nats.errors.NoRespondersError) as error:
            raise UnavailableError(f"{name} got no answer on {subject}") from error

    @staticmethod
    def _decode(
        subject: str,
        name: str,
        reply: NatsMessage,
        replies: Mapping[str, type[msgspec.Struct]],
    ) -> msgspec.Struct:
        reply_name = reply.headers.get(HEADER_NAME, "")
        reply_type = replies.get(reply_name)
        if reply_type is None:
            raise UnavailableError(f"{name} got an unexpected reply {reply_name!r} on {subject}")
        try:
            return msgspec.json.decode(reply.body, type=reply_type)
        except msgspec.ValidationError as error:
            raise UnavailableError(f"{name} got a malformed {reply_name} on {subject}") from error
