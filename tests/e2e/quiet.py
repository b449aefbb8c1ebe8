"""Waiting for a running mall to go quiet, so emptying its tables cannot race its work.

A scenario can end while the mall still works on what it started: a saga waiting for its
next reply, an event in a module's outbox, a message a consumer has not handled yet. Emptying
the tables then would let that work land in the next scenario (an order of the last
scenario showing up in a search by status). Quiet means: no outbox row waits to be
published, no saga is running, and no JetStream consumer has a message pending or unacked.
"""

from __future__ import annotations

import asyncio
import time

import asyncpg
import nats

QUIET_WITHIN_SECONDS = 30.0
POLL_SECONDS = 0.05

OUTBOXES_SQL = "SELECT schemaname FROM pg_tables WHERE tablename = 'outbox' ORDER BY 1"
UNPUBLISHED_SQL = "SELECT count(*) FROM {}.outbox WHERE published_at IS NULL"
RUNNING_SAGAS_SQL = "SELECT count(*) FROM cosec.sagas WHERE status = 'running'"


async def busy(pg_dsn: str, nats_url: str) -> list[str]:
    """What the mall is still doing; empty when it is quiet."""
    doing: list[str] = []
    conn = await asyncpg.connect(pg_dsn)
    try:
        for (module,) in await conn.fetch(OUTBOXES_SQL):
            unpublished = await conn.fetchval(UNPUBLISHED_SQL.format(module))
            if unpublished:
                doing.append(f"{unpublished} unpublished in {module}.outbox")
        if await conn.fetchval("SELECT to_regclass('cosec.sagas') IS NOT NULL"):
            running = await conn.fetchval(RUNNING_SAGAS_SQL)
            if running:
                doing.append(f"{running} sagas running")
    finally:
        await conn.close()
    client = await nats.connect(nats_url)
    try:
        jsm = client.jsm()
        for stream in await jsm.streams_info():
            assert stream.config.name is not None, "the server names every stream it lists"
            for consumer in await jsm.consumers_info(stream.config.name):
                waiting = (consumer.num_pending or 0) + (consumer.num_ack_pending or 0)
                if waiting:
                    doing.append(f"{waiting} messages for consumer {consumer.name}")
    finally:
        await client.close()
    return doing


def wait_until_quiet(pg_dsn: str, nats_url: str) -> None:
    """Return once the mall is quiet; fail naming what it was still doing."""
    deadline = time.monotonic() + QUIET_WITHIN_SECONDS
    while True:
        doing = asyncio.run(busy(pg_dsn, nats_url))
        if not doing:
            return
        if time.monotonic() > deadline:
            raise AssertionError(
                f"the mall did not go quiet within {QUIET_WITHIN_SECONDS:.0f}s: {doing}"
            )
        time.sleep(POLL_SECONDS)
