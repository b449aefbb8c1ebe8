"""`Database`: a pooled connection comes back to its pool clean without a reset query, and a
statement that cannot get a connection in time, or loses it, is `UnavailableError` (503), not
a hang or a 500."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import pytest

from mall.kernel.errors import UnavailableError
from mall_adapters.postgres import database
from mall_adapters.postgres.database import Database, PoolSizes


@pytest.fixture
async def one_connection(pg_dsn: str) -> AsyncIterator[Database]:
    db = Database()
    await db.open(pg_dsn, PoolSizes(requests=1, reserved=1))
    yield db
    await db.close()


async def test_a_statement_waits_for_a_busy_pool_no_longer_than_the_timeout(
    one_connection: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "ACQUIRE_TIMEOUT_SECONDS", 0.2)
    async with one_connection.pool.acquire():  # the only connection
        with pytest.raises(UnavailableError, match="retry"):
            await one_connection.fetchrow("SELECT 1")
        with pytest.raises(UnavailableError, match="retry"):
            async with one_connection.transaction():
                pass
    assert await one_connection.fetchval("SELECT 1") == 1  # free again: no wait


async def test_a_connection_left_in_a_transaction_returns_to_the_pool_without_it(
    one_connection: Database,
) -> None:
    async with one_connection.session() as conn:
        backend = await conn.fetchval("SELECT pg_backend_pid()")
        await conn.execute("BEGIN; CREATE TEMP TABLE scratch (n int)")  # never committed
        assert conn.is_in_transaction()
    async with one_connection.session() as conn:  # the same (only) connection, reused
        assert await conn.fetchval("SELECT pg_backend_pid()") == backend
        assert not conn.is_in_transaction()
        assert await conn.fetchval("SELECT to_regclass('pg_temp.scratch')") is None


async def a_transaction_losing_its_connection(db: Database, pg_dsn: str) -> None:
    """The server ends the connection mid-transaction, as when PostgreSQL is killed."""
    async with db.transaction() as conn:
        backend = await conn.fetchval("SELECT pg_backend_pid()")
        other = await asyncpg.connect(pg_dsn)
        try:
            assert await other.fetchval("SELECT pg_terminate_backend($1)", backend)
        finally:
            await other.close()
        await conn.fetchval("SELECT 1")


async def test_a_connection_lost_inside_a_transaction_is_unavailable(
    one_connection: Database, pg_dsn: str
) -> None:
    """The failed statement, then the rollback that cannot run: one `UnavailableError`."""
    with pytest.raises(UnavailableError, match="retry"):
        await a_transaction_losing_its_connection(one_connection, pg_dsn)
    assert await one_connection.fetchval("SELECT 1") == 1  # the pool connects anew
