"""The order repository (the kernel's event store over `ordering.Order`): every event and the
`ordering.OrderV1` snapshot round-trip, in memory and on PostgreSQL alike."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mall.ordering.domain.events import OrderItem, OrderStatus
from mall.ordering.domain.order import Order
from mall.ordering.ports import OrderRepository
from mall_adapters.memory.event_store import InMemoryEventStore
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.event_store import PostgresEventStore
from tests.ports.conftest import scoped

LINES = (
    OrderItem("s1", "p1", "Ollivanders", "Wand", 9.99, 2),
    OrderItem("s2", "p2", "Madam Malkin's", "Cape", 5.0, 1),
)


@pytest.fixture
async def orders(backend: Database | None) -> AsyncIterator[OrderRepository]:
    async for port in scoped(
        backend,
        lambda: InMemoryEventStore(Order),
        lambda db: PostgresEventStore(db, "ordering", Order, snapshot_every=2),
    ):
        yield port


async def saved_through_completion(orders: OrderRepository) -> Order:
    """An order saved once per change: created, approved, ready, completed."""
    order = Order("o1")
    order.create("c1", "pay-1", LINES)
    await orders.save(order)
    for change in (lambda o: o.approve("list-1"), Order.ready, lambda o: o.complete("o1")):
        loaded = await orders.load("o1")
        assert loaded is not None
        change(loaded)
        await orders.save(loaded)
        order = loaded
    return order


async def test_an_order_loads_back_as_saved(orders: OrderRepository) -> None:
    saved = await saved_through_completion(orders)
    loaded = await orders.load("o1")
    assert loaded is not None
    assert loaded.version == saved.version == 4
    assert loaded.snapshot() == saved.snapshot()
    assert (loaded.status, loaded.shopping_id, loaded.invoice_id) == (
        OrderStatus.COMPLETED,
        "list-1",
        "o1",
    )
    assert loaded.items == LINES
    assert await orders.load("o2") is None


async def test_a_snapshot_holds_the_whole_order(db: Database) -> None:
    orders = PostgresEventStore(db, "ordering", Order, snapshot_every=2)
    async with db.transaction() as conn:
        await saved_through_completion(orders)
        rows = await conn.fetch("SELECT stream_version, snapshot_name FROM ordering.snapshots")
        assert [tuple(r) for r in rows] == [(4, "ordering.OrderV1")]
        await conn.execute("DELETE FROM ordering.events WHERE stream_version <= 4")
        from_snapshot = await orders.load("o1")
    assert from_snapshot is not None
    assert from_snapshot.status is OrderStatus.COMPLETED
    assert from_snapshot.items == LINES
    assert from_snapshot.total == pytest.approx(9.99 * 2 + 5.0)
