"""The database of the `intellimall up` the e2e tier runs (`tests.support.mall_process`):
short queries, and the module tables emptied between scenarios."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import asyncpg


async def _fetch(dsn: str, sql: str, *args: object) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetch(sql, *args)
    finally:
        await conn.close()


def fetch(dsn: str, sql: str, *args: object) -> list[asyncpg.Record]:
    """One query on a short connection of its own (the steps are synchronous)."""
    return asyncio.run(_fetch(dsn, sql, *args))


# Every table of every module: the tables of each schema that has migrations (a module's
# schema), except the migrations' own record. Read from the database, so a new module or a
# new table is emptied between scenarios without a list to keep.
MODULE_TABLES = """
SELECT format('%I.%I', t.schemaname, t.tablename) AS name
FROM pg_tables t
WHERE t.tablename <> 'schema_migrations'
  AND t.schemaname IN (SELECT schemaname FROM pg_tables WHERE tablename = 'schema_migrations')
ORDER BY t.schemaname, t.tablename
"""
TRUNCATE_ATTEMPTS = 3


def scenario_tables(dsn: str) -> tuple[str, ...]:
    """The tables emptied before every scenario: all the modules' tables."""
    tables = tuple(row["name"] for row in fetch(dsn, MODULE_TABLES))
    assert tables, "the database of `intellimall up` has no module tables"
    return tables


def truncate_scenario_tables(dsn: str, tables: Sequence[str]) -> None:
    """Empty `tables`. The mall keeps running meanwhile; a deadlock with one of its own
    transactions (PostgreSQL ends one of the two) is tried again."""
    for attempt in range(1, TRUNCATE_ATTEMPTS + 1):
        try:
            fetch(dsn, f"TRUNCATE {', '.join(tables)}")
            return
        except asyncpg.exceptions.DeadlockDetectedError:
            if attempt == TRUNCATE_ATTEMPTS:
                raise
