"""Stopping the JetStream pull consumers without stranding messages.

A message the server has delivered to a consumer stays "pending acknowledgement" until it is
acked; one that no process handles comes again only after the ack wait (10 s). faststream
stops a pull subscriber by marking it stopped while its fetch loop may be waiting for a
batch, and the batch that fetch returns is then dropped; and a pull request may outlive the
fetch that sent it (nats-py keeps what it delivers late for the next fetch), which never
comes. Either way, after a clean restart some messages (and the sagas waiting on them) would
sit out the ack wait.

`PullDrain` gates each pull subscription's fetch. Once closed, a fetch sends no new pull
request: it hands over what earlier requests delivered, if anything, and otherwise returns
nothing. A subscription is done when its loop comes back for more with nothing delivered and
no earlier request still open: everything it received was handled and acknowledged. Then the
broker can stop.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from faststream.nats import NatsBroker
from nats.aio.msg import Msg
from nats.js import JetStreamContext

log = logging.getLogger(__name__)

IDLE_SECONDS = 0.05  # how long a closed fetch waits before it returns nothing (no busy loop)
LATE_SECONDS = 0.2  # for a message sent just before a pull request expired to arrive

Fetch = Callable[[int, float | None, float | None], Coroutine[Any, Any, list[Msg]]]


class PullDrain:
    def __init__(self) -> None:
        self._closed = False
        self._gates: list[_Gate] = []

    def install(self, broker: NatsBroker) -> int:
        """Gate the fetch of every pull subscription the started `broker` has; returns how
        many it gated."""
        for subscriber in broker.subscribers:
            subscription = getattr(subscriber, "subscription", None)
            if isinstance(subscription, JetStreamContext.PullSubscription):
                gate = _Gate(self, subscription)
                subscription.fetch = gate.fetch  # type: ignore[method-assign]
                self._gates.append(gate)
        return len(self._gates)

    @property
    def closed(self) -> bool:
        return self._closed

    async def drain(self, within: float) -> bool:
        """Fetch no more, and wait until every message received is handled; False if some
        subscription was not done within `within` seconds (what it holds then waits for the
        ack wait)."""
        self._closed = True
        if not self._gates:
            return True
        waiting = [asyncio.create_task(gate.done.wait()) for gate in self._gates]
        _, unfinished = await asyncio.wait(waiting, timeout=within)
        for task in unfinished:
            task.cancel()
        if unfinished:
            log.warning(
                "%d of %d consumers not drained after %.0fs; stopping anyway",
                *(len(unfinished), len(waiting), within),
            )
        return not unfinished


class _Gate:
    """The fetch of one pull subscription, closed by its `PullDrain`."""

    def __init__(self, drain: PullDrain, subscription: JetStreamContext.PullSubscription) -> None:
        self.done = asyncio.Event()
        self._drain = drain
        self._subscription = subscription
        self._fetch: Fetch = subscription.fetch
        self._open_until = 0.0  # time.monotonic() when the last pull request sent expires

    async def fetch(
        self,
        batch: int = 1,
        timeout: float | None = 5,  # noqa: ASYNC109 (the signature of the fetch it gates)
        heartbeat: float | None = None,
    ) -> list[Msg]:
        if not self._drain.closed:
            expires = timeout if timeout is not None else float("inf")
            self._open_until = time.monotonic() + expires
            return await self._fetch(batch, timeout, heartbeat)
        # The loop is back for more: the batch before was handled.
        delivered = await self._delivered(batch)
        if delivered:
            return delivered
        if time.monotonic() > self._open_until + LATE_SECONDS:
            self.done.set()
        await asyncio.sleep(IDLE_SECONDS)
        return []

    async def _delivered(self, batch: int) -> list[Msg]:
        """What earlier pull requests delivered and no fetch took yet (status messages of
        those requests skipped)."""
        found: list[Msg] = []
        queue = self._subscription._sub  # nats-py's subscription: the messages, in order
        while len(found) < batch and self._subscription.pending_msgs > 0:
            msg = await queue.next_msg(timeout=IDLE_SECONDS)
            if not JetStreamContext.is_status_msg(msg):
                found.append(msg)
        return found
