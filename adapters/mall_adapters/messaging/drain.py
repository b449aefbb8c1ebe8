"""Stopping the JetStream pull consumers without stranding messages.

faststream stops a pull subscriber by marking it stopped while its fetch loop may be waiting
for a batch: the batch that fetch then returns is dropped unacknowledged, and JetStream
delivers those messages again only after the ack wait (30 s). Every clean stop would hold
up to a batch per consumer for that long after the next start, and a saga waiting for one
of them could time out.

`PullDrain` closes each pull subscription's fetch first: a fetch under way still returns its
batch, which is handled and acknowledged as usual; the next fetch returns nothing, and that
call says the loop is done. `drain` waits for that (bounded), then the broker can stop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from faststream.nats import NatsBroker
from nats.aio.msg import Msg
from nats.js import JetStreamContext

log = logging.getLogger(__name__)

IDLE_SECONDS = 0.05  # how long a closed fetch waits before it returns nothing (no busy loop)

Fetch = Callable[[int, float | None, float | None], Coroutine[Any, Any, list[Msg]]]


class PullDrain:
    def __init__(self) -> None:
        self._closed = False
        self._done: list[asyncio.Event] = []

    def install(self, broker: NatsBroker) -> int:
        """Gate the fetch of every pull subscription the started `broker` has; returns how
        many it gated."""
        for subscriber in broker.subscribers:
            subscription = getattr(subscriber, "subscription", None)
            if isinstance(subscription, JetStreamContext.PullSubscription):
                subscription.fetch = self._gated(subscription.fetch)  # type: ignore[method-assign, assignment]
        return len(self._done)

    async def drain(self, within: float) -> bool:
        """Fetch no more, and wait until every batch fetched is handled; False if some fetch
        loop was not done within `within` seconds (its batch then waits for the ack wait)."""
        self._closed = True
        if not self._done:
            return True
        waiting = [asyncio.create_task(done.wait()) for done in self._done]
        _, unfinished = await asyncio.wait(waiting, timeout=within)
        for task in unfinished:
            task.cancel()
        if unfinished:
            log.warning(
                "%d of %d consumers still handled a batch after %.0fs; stopping anyway",
                *(len(unfinished), len(waiting), within),
            )
        return not unfinished

    def _gated(self, fetch: Fetch) -> Fetch:
        done = asyncio.Event()
        self._done.append(done)

        async def gated(
            batch: int = 1,
            timeout: float | None = 5,  # noqa: ASYNC109 (the signature of the fetch it gates)
            heartbeat: float | None = None,
        ) -> list[Msg]:
            if self._closed:
                done.set()  # the loop is back for more: the batch before was handled
                await asyncio.sleep(IDLE_SECONDS)
                return []
            return await fetch(batch, timeout, heartbeat)

        return gated
