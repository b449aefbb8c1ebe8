"""`PostgresOutboxWatch`: one connection that wakes and elects every relay of a process.

It LISTENs on `intellimall_outbox` (the outbox tables NOTIFY their schema name on insert)
and holds a session advisory lock per module it relays, so a process uses one connection
for all its relays, and only one process relays a module at a time (order holds across
processes). When the connection drops every lead is given up (another process may take
over) and it reconnects with back-off.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import zlib
from collections.abc import Iterable

import asyncpg

from mall_adapters.postgres.database import Database
from mall_adapters.reliability.ports import OutboxWatch

log = logging.getLogger(__name__)
CHANNEL = "intellimall_outbox"


def lock_key(module: str) -> int:
    return zlib.crc32(f"intellimall-relay:{module}".encode())


class PostgresOutboxWatch(OutboxWatch):
    def __init__(
        self,
        db: Database,
        modules: Iterable[str],
        poll_seconds: float = 1.0,
        max_retry_delay_seconds: float = 5.0,
    ) -> None:
        self._db = db
        self._wake = {module: asyncio.Event() for module in modules}
        self._leading: set[str] = set()
        self._poll = poll_seconds
        self._max_delay = max_retry_delay_seconds

    def leads(self, module: str) -> bool:
        return module in self._leading

    async def wait(self, module: str, seconds: float) -> None:
        event = self._wake[module]
        # Not asyncio.wait_for: on Python 3.11 it can swallow a cancellation that races
        # with the wake-up, and the relay would never stop.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await event.wait()
        event.clear()

    async def run(self) -> None:
        """Keep the connection, the listener and the leads until cancelled."""
        delay = self._poll / 4
        while True:
            try:
                conn = await self._db.connect()
            except (OSError, asyncpg.PostgresError) as error:
                log.warning("outbox watch: cannot connect (%s); retrying in %.1fs", error, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, self._max_delay)
                continue
            delay = self._poll / 4
            try:
                await self._watch(conn)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
                log.warning("outbox watch: connection lost (%s); reconnecting", error)
            finally:
                self._leading.clear()
                conn.terminate()

    async def _watch(self, conn: asyncpg.Connection[asyncpg.Record]) -> None:
        await conn.add_listener(CHANNEL, self._notified)
        while True:
            for module in self._wake.keys() - self._leading:
                if await conn.fetchval("SELECT pg_try_advisory_lock($1)", lock_key(module)):
                    self._leading.add(module)
                    self._wake[module].set()
            await conn.execute("SELECT 1")  # notices a dead connection while leading all
            await asyncio.sleep(self._poll)

    def _notified(self, _conn: object, _pid: int, _channel: str, payload: object) -> None:
        event = self._wake.get(str(payload))
        if event is not None:
            event.set()
