"""`OutboxRelay`: moves a module's outbox rows to JetStream, oldest first.

A row is marked published only after JetStream acknowledged it; if the broker is away the
relay keeps retrying with a growing delay and never gives up. It wakes on the outbox's
NOTIFY (so new rows go out at once) and also polls, in case a notification was missed. One
process relays a module at a time (a session advisory lock), so order holds across processes;
a repeated publish is de-duplicated by JetStream on `Nats-Msg-Id`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import zlib
from dataclasses import dataclass

from faststream.nats import NatsBroker

from mall_adapters.messaging.envelope import Envelope
from mall_adapters.postgres.database import Connection, Database
from mall_adapters.postgres.outbox import PostgresOutbox

log = logging.getLogger(__name__)
CHANNEL = "intellimall_outbox"


@dataclass(frozen=True)
class RelaySettings:
    stream: str
    batch_size: int = 100
    poll_seconds: float = 1.0
    publish_timeout_seconds: float = 2.0
    retry_delay_seconds: float = 0.1
    max_retry_delay_seconds: float = 5.0


class OutboxRelay:
    def __init__(
        self,
        db: Database,
        outbox: PostgresOutbox,
        broker: NatsBroker,
        settings: RelaySettings,
    ) -> None:
        self._db = db
        self._outbox = outbox
        self._broker = broker
        self._settings = settings
        self._wake = asyncio.Event()
        self._delay = settings.retry_delay_seconds

    @property
    def lock_key(self) -> int:
        return zlib.crc32(f"intellimall-relay:{self._outbox.schema}".encode())

    async def run(self) -> None:
        """Relay until cancelled."""
        while True:
            try:
                async with self._db.pool.acquire() as conn:
                    await self._lead(conn)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.warning(
                    "outbox relay %s: %s; retrying in %.1fs",
                    self._outbox.schema,
                    error,
                    self._delay,
                )
                await asyncio.sleep(self._delay)
                self._delay = min(self._delay * 2, self._settings.max_retry_delay_seconds)

    async def _lead(self, conn: Connection) -> None:
        if not await conn.fetchval("SELECT pg_try_advisory_lock($1)", self.lock_key):
            await asyncio.sleep(self._settings.poll_seconds)  # another process relays this module
            return
        await conn.add_listener(CHANNEL, self._notified)
        try:
            while True:
                relayed = await self.relay_batch(conn)
                if relayed < self._settings.batch_size:
                    await self._sleep()
        finally:
            await conn.remove_listener(CHANNEL, self._notified)
            await conn.execute("SELECT pg_advisory_unlock($1)", self.lock_key)

    def _notified(self, _conn: Connection, _pid: int, _channel: str, payload: object) -> None:
        if payload == self._outbox.schema:
            self._wake.set()

    async def _sleep(self) -> None:
        # Not asyncio.wait_for: on Python 3.11 it can swallow a cancellation that races with
        # the wake-up, and the relay would never stop.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self._settings.poll_seconds):
                await self._wake.wait()
        self._wake.clear()

    async def relay_batch(self, conn: Connection) -> int:
        """Publish one batch in order; marks what was acknowledged even if a later one fails."""
        envelopes = await self._outbox.unpublished(conn, self._settings.batch_size)
        acked: list[str] = []
        try:
            for envelope in envelopes:
                await self._publish(envelope)
                acked.append(envelope.id)
        finally:
            if acked:
                await self._outbox.mark_published(conn, acked)
        self._delay = self._settings.retry_delay_seconds  # the broker answered: back-off over
        return len(acked)

    async def _publish(self, envelope: Envelope) -> None:
        await self._broker.publish(
            envelope.data,
            envelope.subject,
            headers=envelope.headers(),
            stream=self._settings.stream,
            timeout=self._settings.publish_timeout_seconds,
        )
