"""`OutboxRelay`: moves one module's outbox to JetStream, oldest first.

A batch is read in one query, published pipelined (`PipelinedPublisher`: sent in order, the
acks awaited together) outside any transaction, and marked published in one statement once
JetStream acknowledged it. Publish errors are told
apart: a transient one (broker away, timeout) stops the batch and the relay retries with a
growing delay, never giving up; a permanent one (the message itself can never be published:
too large, an invalid subject or header) parks that message in the module's dead letters
with the error and the relay goes on with the next, so one bad message never blocks the
ones behind it. The relay runs only while its `OutboxWatch` says this process leads the
module, and wakes when the watch reports new messages (it also polls).
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

from faststream.nats import NatsBroker

from mall.kernel.unit_of_work import UnitOfWork
from mall_adapters.messaging.pipeline import PipelinedPublisher, is_permanent
from mall_adapters.observability.metrics import RelayMetrics
from mall_adapters.reliability.envelope import Envelope
from mall_adapters.reliability.ports import (
    RELAY,
    DeadLetter,
    DeadLetters,
    Outbox,
    OutboxWatch,
    Replayer,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RelaySettings:
    stream: str
    batch_size: int = 500
    poll_seconds: float = 1.0
    publish_timeout_seconds: float = 2.0
    retry_delay_seconds: float = 0.1
    max_retry_delay_seconds: float = 5.0
    backlog_seconds: float = 2.0  # how often a relay behind counts its backlog (one query)


class OutboxRelay(Replayer):
    def __init__(
        self,
        outbox: Outbox,
        dead_letters: DeadLetters,
        watch: OutboxWatch,
        uow: UnitOfWork,
        broker: NatsBroker,
        metrics: RelayMetrics,
        settings: RelaySettings,
    ) -> None:
        self.module = outbox.module
        self._outbox = outbox
        self._dead_letters = dead_letters
        self._watch = watch
        self._uow = uow
        self._publisher = PipelinedPublisher(
            broker, settings.stream, settings.publish_timeout_seconds
        )
        self._metrics = metrics
        self._settings = settings
        self._delay = settings.retry_delay_seconds
        self.failing_since: float | None = None  # time.monotonic() of the first failure
        self.last_error = ""
        self._counted_at = 0.0  # time.monotonic() the backlog was last counted

    async def _count_backlog(self, relayed: int | None) -> None:
        """Update the backlog gauge: 0 right after a batch that was not full (the relay
        caught up), else counted with a query at most every `backlog_seconds`."""
        if relayed is not None and relayed < self._settings.batch_size:
            self._metrics.backlog(0)
            return
        now = time.monotonic()
        if now - self._counted_at < self._settings.backlog_seconds:
            return
        self._counted_at = now
        try:
            self._metrics.backlog(await self._outbox.backlog())
        except Exception as error:  # the database is away: the relay logs that already
            log.debug("outbox relay %s: cannot count the backlog: %s", self.module, error)

    async def run(self) -> None:
        """Relay until cancelled."""
        while True:
            if not self._watch.leads(self.module):
                self._metrics.backlog(0)  # the process that leads the module reports it
                await self._watch.wait(self.module, self._settings.poll_seconds)
                continue
            try:
                relayed = await self.relay_batch()
            except Exception as error:
                self._failed(error)
                await self._count_backlog(None)
                await asyncio.sleep(self._delay)
                self._delay = min(self._delay * 2, self._settings.max_retry_delay_seconds)
                continue
            self._delay = self._settings.retry_delay_seconds
            self.failing_since, self.last_error = None, ""
            await self._count_backlog(relayed)
            if relayed < self._settings.batch_size:
                await self._watch.wait(self.module, self._settings.poll_seconds)

    def _failed(self, error: Exception) -> None:
        if self.failing_since is None:
            self.failing_since = time.monotonic()
        self.last_error = f"{type(error).__name__}: {error}"
        log.warning(
            "outbox relay %s: %s; retrying in %.1fs", self.module, self.last_error, self._delay
        )

    async def relay_batch(self) -> int:
        """Publish one batch (pipelined, in order); returns how many messages it dealt with.
        The acknowledged messages before the first transient failure are marked published,
        in one statement; those after it are published again with the next batch (JetStream
        drops a repeated message id), so none overtakes a message that failed."""
        envelopes = await self._outbox.unpublished(self._settings.batch_size)
        if not envelopes:
            return 0
        outcomes = await self._publisher.publish(envelopes)
        acked: list[str] = []
        failure: BaseException | None = None
        try:
            for envelope, outcome in zip(envelopes, outcomes, strict=False):
                if outcome is None:
                    acked.append(envelope.id)
                elif is_permanent(outcome):
                    await self._park(envelope, outcome)
                else:
                    failure = outcome
                    break
        finally:
            if acked:
                await self._outbox.mark_published(acked)
                self._metrics.relayed(len(acked))
        if failure is not None:
            raise failure
        return len(envelopes)

    async def _park(self, envelope: Envelope, error: BaseException) -> None:
        reason = f"{type(error).__name__}: {str(error) or 'the broker refused the message'}"
        log.error(
            "outbox relay %s: parking %s %s, it can never be published: %s",
            self.module,
            envelope.name,
            envelope.id,
            reason,
        )
        await self._dead_letters.park(RELAY, envelope, reason, 1)
        await self._outbox.remove(envelope.id)
        self._metrics.parked(envelope.name)

    async def replay(self, letter: DeadLetter) -> bool:
        """Queue a parked message for publishing again (it keeps its place: oldest first)."""
        if letter.consumer != RELAY:
            return False

        async def requeue() -> None:
            await self._outbox.add(letter.envelope)

        await self._uow.run(requeue)
        return True
