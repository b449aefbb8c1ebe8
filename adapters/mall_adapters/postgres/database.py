"""The connection pool and the transaction scope repositories run in.

A unit of work opens `Database.transaction()`; repositories ask `Database.connection()` for the
connection of the transaction the current task is in. Use cases never see connections.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, TypeAlias

import asyncpg

if TYPE_CHECKING:
    from asyncpg.pool import PoolConnectionProxy

    Connection: TypeAlias = asyncpg.Connection[asyncpg.Record] | PoolConnectionProxy[asyncpg.Record]
else:
    Connection = asyncpg.Connection
_current: ContextVar[Connection | None] = ContextVar("intellimall_connection", default=None)


class NoTransactionError(RuntimeError):
    """A repository was used outside a unit of work."""


class Database:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Connection]:
        """Begin a transaction (or join the one this task is already in)."""
        outer = _current.get()
        if outer is not None:
            yield outer
            return
        async with self.pool.acquire() as conn, conn.transaction():
            token = _current.set(conn)
            try:
                yield conn
            finally:
                _current.reset(token)

    def connection(self) -> Connection:
        conn = _current.get()
        if conn is None:
            raise NoTransactionError("no transaction: run this inside a unit of work")
        return conn


async def create_pool(dsn: str, *, min_size: int = 2, max_size: int = 20) -> asyncpg.Pool:
    pool = await asyncpg.create_pool(dsn, min_size=min_size, max_size=max_size)
    assert pool is not None
    return pool
