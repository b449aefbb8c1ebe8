"""Start-up and shut-down of a running IntelliMall: database, migrations, broker, relays."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from mall_adapters.messaging.stream import ensure_stream
from mall_adapters.postgres.migrate import migrate, module_migrations

log = logging.getLogger(__name__)


@asynccontextmanager
async def running(
    root: Any, modules: tuple[str, ...], on_ready: Callable[[], None] | None = None
) -> AsyncIterator[None]:
    settings = root.settings()
    db = root.infra.db()
    broker = root.infra.broker()
    relays: list[asyncio.Task[None]] = []
    await db.open(settings.pg_dsn)
    try:
        async with db.pool.acquire() as conn:
            applied = await migrate(conn, {m: module_migrations(m) for m in modules})
        if applied:
            log.info("applied migrations: %s", ", ".join(applied))
        await broker.connect()
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
