"""Waiting for a quiet mall between preparing and timing: every module's outbox drained."""

from __future__ import annotations

import asyncio
import time

import asyncpg

UNPUBLISHED = """
SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname = 'outbox' AND c.relkind = 'r'"""
DEADLINE_SECONDS = 120.0


async def settled(dsn: str | None, quiet_seconds: float = 0.3) -> None:
    """Until no outbox holds an unpublished message (then a short pause for the consumers);
    without a database to look at, only the pause."""
    if dsn is not None:
        conn = await asyncpg.connect(dsn)
        try:
            schemas = [r[0] for r in await conn.fetch(UNPUBLISHED)]
            count = " + ".join(
                f"(SELECT count(*) FROM {s}.outbox WHERE published_at IS NULL)" for s in schemas
            )
            began = time.perf_counter()
            # Other processes publish: nothing here could signal it.
            while schemas and await conn.fetchval(f"SELECT {count}") > 0:
                if time.perf_counter() - began > DEADLINE_SECONDS:
                    break
                await asyncio.sleep(0.05)
        finally:
            await conn.close()
    await asyncio.sleep(quiet_seconds)
