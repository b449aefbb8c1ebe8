"""The connection pool and the transaction scope repositories run in.

A unit of work opens `Database.transaction()`; repositories ask `Database.connection()` for the
connection of the transaction the current task is in. Use cases never see connections.
"""

from __future__ import annotations

import asyncio
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
    """Built before start-up (no I/O at construction); `open` connects, `close` disconnects."""

    def __init__(self) -> None:
        self._pool: asyncpg.Pool | None = None

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("the database is not open")
        return self._pool

    async def open(self, dsn: str, *, min_size: int = 2, max_size: int = 20) -> None:
        self._pool = await asyncpg.create_pool(dsn, min_size=min_size, max_size=max_size)

    async def close(self, grace_seconds: float = 10.0) -> None:
        """Close gracefully; connections still busy after the grace period are cut."""
        if self._pool is None:
            return
        pool, self._pool = self._pool, None
        try:
            async with asyncio.timeout(grace_seconds):
                await pool.close()
        except TimeoutError:
            pool.terminate()

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
