"""Migrations: applied once, safe to run again, safe to run from two processes at once."""

from __future__ import annotations

import asyncio

import asyncpg

from mall_adapters.bootstrap.settings import ALL_MODULES
from mall_adapters.postgres.migrate import migrate, module_migrations

MODULES = ALL_MODULES


def plan() -> dict[str, list[object]]:
    return {m: module_migrations(m) for m in MODULES}  # type: ignore[misc]


async def test_running_twice_applies_nothing_the_second_time(pg_dsn: str) -> None:
    conn = await asyncpg.connect(pg_dsn)
    try:
        first = await migrate(conn, plan())  # type: ignore[arg-type]
        second = await migrate(conn, plan())  # type: ignore[arg-type]
    finally:
        await conn.close()
    assert "stores/0001_kernel" in first
    assert "baskets/0002_caches" in first
    assert second == []


async def test_two_processes_starting_together_apply_each_migration_once(pg_dsn: str) -> None:
    conns = [await asyncpg.connect(pg_dsn) for _ in range(2)]
    try:
        results = await asyncio.gather(*(migrate(c, plan()) for c in conns))  # type: ignore[arg-type]
        counts = await conns[0].fetchval("SELECT count(*) FROM stores.schema_migrations")
    finally:
        for c in conns:
            await c.close()
    applied = sorted(results, key=len)
    assert applied[0] == []
    assert len(applied[1]) == sum(len(v) for v in plan().values())
    assert counts == len(module_migrations("stores"))
