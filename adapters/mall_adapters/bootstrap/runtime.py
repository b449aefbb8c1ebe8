"""Start-up and shut-down of a running IntelliMall: database, migrations, broker, relays."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from faststream.nats import NatsBroker

from mall_adapters.bootstrap.chores import every
from mall_adapters.messaging.drain import PullDrain
from mall_adapters.messaging.stream import ensure_stream
from mall_adapters.observability.tracing import untraced
from mall_adapters.postgres.database import PoolSizes
from mall_adapters.postgres.migrate import migrate, module_migrations

log = logging.getLogger(__name__)
JANITOR_INTERVAL_SECONDS = 3600.0
DRAIN_SECONDS = 10.0  # for the consumers to handle what they received, at a stop


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


def background(root: Any, modules: tuple[str, ...]) -> list[asyncio.Task[None]]:
    """Start the outbox watch, and each module's relay, janitor and own loops."""
    tasks = [asyncio.create_task(root.infra.watch().run(), name="outbox-watch")]
    for module in modules:
        kit = getattr(root, module).kit
        tasks.append(asyncio.create_task(kit.relay().run(), name=f"outbox-relay-{module}"))
        purge = kit.idempotency().purge_expired
        janitor = every(JANITOR_INTERVAL_SECONDS, f"{module} idempotency purge", purge)
        tasks.append(asyncio.create_task(janitor, name=f"idempotency-purge-{module}"))
        workers = getattr(getattr(root, module), "workers", None)  # a module's own loops
        for worker in workers() if workers is not None else []:
            tasks.append(asyncio.create_task(worker.run(), name=f"{module}-worker"))
    return tasks


@asynccontextmanager
async def running(
    root: Any,
    modules: tuple[str, ...],
    on_ready: Callable[[], None] | None = None,
    *,
    drain_seconds: float = DRAIN_SECONDS,
) -> AsyncIterator[None]:
    """The modules' background work, from migrations to relays and consumers, for the block.

    At the end the consumers are drained (up to `drain_seconds`; 0: not at all, for a
    stream nobody uses again), then everything stops.
    """
    settings = root.settings()
    db = root.infra.db()
    broker = root.infra.broker()
    tasks: list[asyncio.Task[None]] = []
    drain = PullDrain()
    try:
        await db.open(settings.pg_dsn, PoolSizes(settings.pool_size, settings.reserved_pool_size))
    except (OSError, asyncpg.PostgresError) as error:
        raise StartupError(f"PostgreSQL at {settings.pg_dsn} is not reachable: {error}") from None
    try:
        with untraced():  # the start-up's migrations are no one's trace
            async with db.pool.acquire() as conn:
                applied = await migrate(conn, {m: module_migrations(m) for m in modules})
        if applied:
            log.info("applied migrations: %s", ", ".join(applied))
        await connect_broker(broker, settings.nats_url, settings.connect_timeout_seconds)
        await ensure_stream(broker)
        await broker.start()
        drain.install(broker)
        with untraced():  # polling SQL in no trace; tasks keep the context they start in
            tasks.extend(background(root, modules))
        if on_ready is not None:
            on_ready()
        yield
    finally:
        # Consumers first, while the outbox relays still run: what they handle now is
        # acknowledged, not left for JetStream to deliver again after its ack wait.
        if drain_seconds > 0:
            await drain.drain(drain_seconds)
        for task in tasks:
            task.cancel()
        if tasks:
            _, stuck = await asyncio.wait(tasks, timeout=10)
            for task in stuck:
                log.error("%s did not stop within 10s", task.get_name())
        try:
            await broker.stop()
        except Exception as error:
            log.warning("stopping the NATS connection failed: %s", error)
        await db.close()
