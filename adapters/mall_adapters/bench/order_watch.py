"""When orders reach a state, as the rest of the mall learns it: a core NATS subscription to
the Order events (published by ordering's outbox relay after the state change committed).
No polling, so the watching adds no load to the mall."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import msgspec
import nats
from nats.aio.msg import Msg

from mall_adapters.reliability.envelope import HEADER_NAME
from mall_contracts.ordering import messages
from mall_contracts.ordering.subjects import ORDER_EVENTS


class OrderWatch:
    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], tuple[float, Any]] = {}
        self._waiting: dict[tuple[str, str], asyncio.Future[tuple[float, Any]]] = {}
        self._nc: Any = None

    async def start(self, nats_url: str) -> None:
        self._nc = await nats.connect(nats_url)
        await self._nc.subscribe(ORDER_EVENTS, cb=self._on_message)

    async def stop(self) -> None:
        if self._nc is not None:
            await self._nc.close()

    async def _on_message(self, msg: Msg) -> None:
        at = time.perf_counter()
        name = (msg.headers or {}).get(HEADER_NAME, "")
        kind = messages.MESSAGE_TYPES.get(name)
        if kind is None:
            return
        body = msgspec.json.decode(msg.data, type=kind)
        key = (str(getattr(body, "id", "")), name)
        self._seen[key] = (at, body)
        waiter = self._waiting.pop(key, None)
        if waiter is not None and not waiter.done():
            waiter.set_result((at, body))
        if name == messages.ORDER_REJECTED:  # a rejected order never arrives anywhere else
            for other in [k for k in self._waiting if k[0] == key[0]]:
                self._waiting.pop(other).set_exception(RejectedError(key[0]))

    async def reached(self, order_id: str, name: str) -> tuple[float, Any]:
        """When the order's `name` event arrived (perf_counter) and its body."""
        key = (order_id, name)
        if key in self._seen:
            return self._seen[key]
        if (order_id, messages.ORDER_REJECTED) in self._seen:
            raise RejectedError(order_id)
        waiter = self._waiting.setdefault(key, asyncio.get_running_loop().create_future())
        return await waiter


class RejectedError(Exception):
    """The order was rejected by its saga."""
