"""`NatsRequester`: core NATS request/reply for the cache-fallback queries.

A request from inside a database transaction raises `NetworkInTransactionError` at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

import msgspec
import nats.errors
from faststream.nats import NatsBroker

from mall.kernel.errors import UnavailableError
from mall_adapters.messaging.binding import Requester
from mall_adapters.reliability.envelope import HEADER_ID, HEADER_NAME
from mall_adapters.reliability.guard import forbid_network_io


class NatsRequester(Requester):
    def __init__(self, broker: NatsBroker, timeout_seconds: float) -> None:
        self._broker = broker
        self._timeout = timeout_seconds

    async def request(
        self,
        subject: str,
        name: str,
        query: msgspec.Struct,
        replies: Mapping[str, type[msgspec.Struct]],
    ) -> msgspec.Struct:
        forbid_network_io(f"{name} on {subject}")
        headers = {HEADER_ID: str(uuid.uuid4()), HEADER_NAME: name}
        try:
            reply = await self._broker.request(
                msgspec.json.encode(query), subject, headers=headers, timeout=self._timeout
            )
        except (TimeoutError, nats.errors.TimeoutError, nats.errors.NoRespondersError) as error:
            raise UnavailableError(f"{name} got no answer on {subject}") from error
        reply_name = reply.headers.get(HEADER_NAME, "")
        reply_type = replies.get(reply_name)
        if reply_type is None:
            raise UnavailableError(f"{name} got an unexpected reply {reply_name!r} on {subject}")
        try:
            return msgspec.json.decode(reply.body, type=reply_type)
        except msgspec.ValidationError as error:
            raise UnavailableError(f"{name} got a malformed {reply_name} on {subject}") from error
