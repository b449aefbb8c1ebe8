"""Start-up and shut-down of a running IntelliMall: database, migrations, broker, relays."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from faststream.nats import NatsBroker

from mall_adapters.messaging.stream import ensure_stream
from mall_adapters.postgres.migrate import migrate, module_migrations

log = logging.getLogger(__name__)


class StartupError(RuntimeError):
    """A server IntelliMall needs did not answer at start-up."""


async def connect_broker(broker: NatsBroker, url: str, timeout_seconds: float) -> None:
    # The broker reconnects forever once running; at start-up an unreachable server must be
    # a clear error rather than a silent wait.
    try:
        async with asyncio.timeout(timeout_seconds):
            await broker.connect()
    except TimeoutError:
        raise StartupError(f"NATS at {url} did not answer within {timeout_seconds:.0f}s") from None


@asynccontextmanager
async def running(
    root: Any, modules: tuple[str, ...], on_ready: Callable[[], None] | None = None
) -> AsyncIterator[None]:
    settings = root.settings()
    db = root.infra.db()
    broker = root.infra.broker()
    relays: list[asyncio.Task[None]] = []
    try:
        await db.open(settings.pg_dsn)
    except (OSError, asyncpg.PostgresError) as error:
        raise StartupError(f"PostgreSQL at {settings.pg_dsn} is not reachable: {error}") from None
    try:
        async with db.pool.acquire() as conn:
            applied = await migrate(conn, {m: module_migrations(m) for m in modules})
        if applied:
            log.info("applied migrations: %s", ", ".join(applied))
        await connect_broker(broker, settings.nats_url, settings.connect_timeout_seconds)
        await ensure_stream(broker)
        await broker.start()
        for module in modules:
            relay = getattr(root, module).kit.relay()
            relays.append(asyncio.create_task(relay.run(), name=f"outbox-relay-{module}"))
        if on_ready is not None:
            on_ready()
        yield
    finally:
        for task in relays:
            task.cancel()
        if relays:
            _, stuck = await asyncio.wait(relays, timeout=10)
            for task in stuck:
                log.error("%s did not stop within 10s", task.get_name())
        with contextlib.suppress(Exception):
            await broker.stop()
        await db.close()
