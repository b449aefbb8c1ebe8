"""ClosedOrders: the same behaviour in memory and in PostgreSQL. An order is open until it is
closed; the first closing stands; `lock` sees the closing like `find` does.

The lock itself (a concurrent create or close waits for the holder to commit) is a matter of
concurrent transactions: `tests/integration/test_depot_close_race.py` proves it on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone

import pytest

from mall.depot.domain.closed_order import ClosedOrder, CloseReason
from mall.depot.ports import ClosedOrders
from mall_adapters.memory.depot import InMemoryClosedOrders
from mall_adapters.postgres.database import Database, NoTransactionError
from mall_adapters.postgres.depot import PostgresClosedOrders
from tests.ports.conftest import scoped

AT = datetime(2026, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)


@pytest.fixture
async def closed(backend: Database | None) -> AsyncIterator[ClosedOrders]:
    async for port in scoped(backend, InMemoryClosedOrders, PostgresClosedOrders):
        yield port


async def test_an_order_is_open_until_closed(closed: ClosedOrders) -> None:
    assert await closed.find("o1") is None
    assert await closed.lock("o1") is None


@pytest.mark.parametrize("reason", list(CloseReason), ids=lambda r: r.value)
async def test_a_closing_round_trips(closed: ClosedOrders, reason: CloseReason) -> None:
    closing = ClosedOrder("o1", reason, AT)
    assert await closed.close(closing) == closing
    assert await closed.find("o1") == closing
    assert await closed.lock("o1") == closing
    assert await closed.find("o2") is None


async def test_the_first_closing_stands(closed: ClosedOrders) -> None:
    first = ClosedOrder("o1", CloseReason.REJECTED, AT)
    await closed.close(first)
    later = ClosedOrder("o1", CloseReason.CANCELED, AT + timedelta(seconds=1))
    assert await closed.close(later) == first
    assert await closed.close(first) == first  # a redelivery
    assert await closed.find("o1") == first


async def test_the_time_of_closing_is_an_instant(closed: ClosedOrders) -> None:
    """Given in any time zone, the same instant comes back."""
    elsewhere = AT.astimezone(timezone(timedelta(hours=-5)))
    await closed.close(ClosedOrder("o1", CloseReason.CANCELED, elsewhere))
    found = await closed.find("o1")
    assert found is not None and found.closed_at == AT


async def test_postgres_locks_and_closes_only_in_a_unit_of_work(db: Database) -> None:
    closed = PostgresClosedOrders(db)
    with pytest.raises(NoTransactionError):
        await closed.lock("o1")
    with pytest.raises(NoTransactionError):
        await closed.close(ClosedOrder("o1", CloseReason.CANCELED, AT))
    assert await closed.find("o1") is None  # reads work anywhere
