"""The connection pools and the scopes repositories run in.

- `transaction()` begins a transaction (a unit of work opens it); writes need one, and
  `connection()` returns its connection. While it is open the task may not use the network
  (`reliability.guard`).
- Reads work anywhere: `fetch`/`fetchrow`/`fetchval`/`execute` run on the current
  transaction's or session's connection, or else on a pooled connection of their own
  (autocommit), held only for that statement; `session()` keeps one connection for a few
  statements without a transaction. Neither may wait for the network meanwhile.
- Two pools: `requests` serves requests, consumers and relays; the small `reserved` pool
  serves the query responders other modules' look-ups wait on (`session(reserved=True)`),
  so a burst of requests can never leave those look-ups without a connection.
- Pooled connections hold no session state (no `SET`, `LISTEN`, session advisory lock or
  cursor outlives a statement or transaction; those use `connect()`'s own connections), so
  one goes back to its pool without asyncpg's reset query, a round trip per request.
- PostgreSQL out of reach (down, restarting, every connection busy for too long) is an
  `UnavailableError` (503, "retry"), never a bare driver error.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

import asyncpg

from mall.kernel.errors import UnavailableError
from mall_adapters.reliability.guard import holding_connection

if TYPE_CHECKING:
    from asyncpg.pool import PoolConnectionProxy

    Connection: TypeAlias = asyncpg.Connection[asyncpg.Record] | PoolConnectionProxy[asyncpg.Record]
    _Plain: TypeAlias = asyncpg.Connection[asyncpg.Record]
else:
    Connection = _Plain = asyncpg.Connection
_transaction: ContextVar[Connection | None] = ContextVar("intellimall_transaction", default=None)
_session: ContextVar[Connection | None] = ContextVar("intellimall_session", default=None)


CONNECT_TIMEOUT_SECONDS = 5.0
ACQUIRE_TIMEOUT_SECONDS = 10.0  # waiting longer for a free connection means overload
UNREACHABLE = (
    OSError,  # refused, reset, no socket file
    TimeoutError,  # no connection (or no free one) in time
    asyncpg.PostgresConnectionError,  # the connection broke (class 08)
    asyncpg.exceptions.OperatorInterventionError,  # shutting down, starting up (class 57P)
    asyncpg.exceptions.TooManyConnectionsError,
)


class NoTransactionError(RuntimeError):
    """A write was attempted outside a unit of work."""


class PooledConnection(_Plain):
    """A pool connection whose release skips the reset query (`pg_advisory_unlock_all(); CLOSE
    ALL; UNLISTEN *; RESET ALL`): nothing sets what it resets. An open transaction is still
    rolled back and listeners dropped (asyncpg does that before asking for the query)."""

    def get_reset_query(self) -> str:
        return ""


@dataclass(frozen=True)
class PoolSizes:
    requests: int = 20
    reserved: int = 4


class Database:
    """Built before start-up (no I/O at construction); `open` connects, `close` disconnects."""

    def __init__(self) -> None:
        self._pools: tuple[asyncpg.Pool, asyncpg.Pool] | None = None
        self.dsn = ""

    @property
    def pool(self) -> asyncpg.Pool:
        """The requests pool."""
        return self._open()[0]

    @property
    def reserved(self) -> asyncpg.Pool:
        return self._open()[1]

    def _open(self) -> tuple[asyncpg.Pool, asyncpg.Pool]:
        if self._pools is None:
            raise RuntimeError("the database is not open")
        return self._pools

    async def open(self, dsn: str, sizes: PoolSizes | None = None) -> None:
        sizes = sizes or PoolSizes()
        timeout = CONNECT_TIMEOUT_SECONDS
        options: dict[str, Any] = {"timeout": timeout, "connection_class": PooledConnection}
        requests = await asyncpg.create_pool(dsn, min_size=1, max_size=sizes.requests, **options)
        try:
            reserved = await asyncpg.create_pool(
                dsn, min_size=1, max_size=sizes.reserved, **options
            )
        except BaseException:
            await requests.close()
            raise
        self._pools, self.dsn = (requests, reserved), dsn

    async def close(self, grace_seconds: float = 10.0) -> None:
        """Close gracefully; connections still busy after the grace period are cut."""
        if self._pools is None:
            return
        pools, self._pools = self._pools, None
        for pool in pools:
            try:
                async with asyncio.timeout(grace_seconds):
                    await pool.close()
            except TimeoutError:
                pool.terminate()

    async def connect(self) -> asyncpg.Connection[asyncpg.Record]:
        """A connection of its own, outside both pools (for LISTEN and session locks)."""
        self._open()
        connection: asyncpg.Connection[asyncpg.Record] = await asyncpg.connect(self.dsn)
        return connection

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Connection]:
        """Begin a transaction (or join the one this task is already in)."""
        outer = _transaction.get()
        if outer is not None:
            yield outer
            return
        with holding_connection(), _UnreachableIsUnavailable():
            async with _acquire(self.pool) as conn, conn.transaction():
                token = _transaction.set(conn)
                try:
                    yield conn
                finally:
                    _transaction.reset(token)

    def in_transaction(self) -> bool:
        return _transaction.get() is not None

    def connection(self) -> Connection:
        """The current transaction's connection, for writes."""
        conn = _transaction.get()
        if conn is None:
            raise NoTransactionError("no transaction: run this write inside a unit of work")
        return conn

    @asynccontextmanager
    async def session(self, *, reserved: bool = False) -> AsyncIterator[Connection]:
        """One connection for a few reads: the current transaction's or session's, or a
        pooled one (from the reserved pool when asked) without a transaction."""
        current = _transaction.get() or _session.get()
        if current is not None:
            yield current
            return
        pool = self.reserved if reserved else self.pool
        with holding_connection(), _UnreachableIsUnavailable():
            async with _acquire(pool) as conn:
                token = _session.set(conn)
                try:
                    yield conn
                finally:
                    _session.reset(token)

    # The single statements skip `session()`'s generator: they run on every request.
    async def fetch(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        current = _transaction.get() or _session.get()
        if current is not None:
            return await current.fetch(sql, *args)
        with holding_connection(), _UnreachableIsUnavailable():
            async with _acquire(self.pool) as conn:
                return await conn.fetch(sql, *args)

    async def fetchrow(self, sql: str, *args: Any) -> asyncpg.Record | None:
        current = _transaction.get() or _session.get()
        if current is not None:
            return await current.fetchrow(sql, *args)
        with holding_connection(), _UnreachableIsUnavailable():
            async with _acquire(self.pool) as conn:
                return await conn.fetchrow(sql, *args)

    async def fetchval(self, sql: str, *args: Any) -> Any:
        async with self.session() as conn:
            return await conn.fetchval(sql, *args)

    async def execute(self, sql: str, *args: Any) -> str:
        async with self.session() as conn:
            return await conn.execute(sql, *args)


class _acquire:  # noqa: N801 - used like a function: `async with _acquire(pool) as conn`
    """A pooled connection, waited for under the overload timeout. asyncpg's own timed
    acquire runs each acquire as a task under a timer; `asyncio.timeout` needs only the timer."""

    __slots__ = ("_conn", "_pool")

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def __aenter__(self) -> PoolConnectionProxy[asyncpg.Record]:
        async with asyncio.timeout(ACQUIRE_TIMEOUT_SECONDS):
            self._conn = await self._pool.acquire()
        return self._conn

    async def __aexit__(self, kind: object, error: object, tb: object) -> None:
        # asyncpg detaches the proxy of a connection that closed while held (PostgreSQL
        # killed, the connection ended): what failed on it then is an InterfaceError.
        closed = getattr(self._conn, "_con", None) is None
        await self._pool.release(self._conn)
        if closed and isinstance(error, asyncpg.InterfaceError):
            raise asyncpg.ConnectionDoesNotExistError(f"the connection closed: {error}") from error


class _UnreachableIsUnavailable:
    """PostgreSQL out of reach becomes `UnavailableError` (a class: entered per statement)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, error: BaseException | None, tb: object) -> None:
        if isinstance(error, UNREACHABLE):
            raise UnavailableError(
                f"the database is unavailable ({type(error).__name__}); retry shortly"
            ) from error
