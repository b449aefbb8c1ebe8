"""OrderReadModel: the same behaviour in memory and in PostgreSQL: recording, statuses in any
order, every filter, and keyset pages that stay put while orders are added."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from mall.search.domain.status import OrderStatus
from mall.search.ports import OrderFilters, OrderLine, OrderReadModel, Position, SearchedOrder
from mall_adapters.memory.search import InMemoryOrderReadModel
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.search import PostgresOrderReadModel
from tests.ports.conftest import scoped

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
async def orders(backend: Database | None) -> AsyncIterator[OrderReadModel]:
    async for port in scoped(backend, InMemoryOrderReadModel, PostgresOrderReadModel):
        yield port


def order(
    order_id: str,
    seconds: float,
    customer_id: str = "c1",
    lines: tuple[tuple[str, str, float, int], ...] = (("p1", "s1", 1.0, 1),),
) -> SearchedOrder:
    order_lines = tuple(
        OrderLine(p, s, f"Product {p}", f"Store {s}", price, q) for p, s, price, q in lines
    )
    return SearchedOrder(
        order_id=order_id,
        customer_id=customer_id,
        customer_name=f"Customer {customer_id}",
        lines=order_lines,
        total=round(sum(line.price * line.quantity for line in order_lines), 4),
        status=OrderStatus.NEW,
        created_at=T0 + timedelta(seconds=seconds),
    )


async def ids(
    orders: OrderReadModel,
    filters: OrderFilters | None = None,
    start: Position | None = None,
    limit: int = 100,
) -> list[str]:
    found = await orders.search(filters or OrderFilters(), start, limit)
    return [o.order_id for o in found]


async def test_an_order_reads_back_as_recorded(orders: OrderReadModel) -> None:
    recorded = order(
        "o1", 0, lines=(("p1", "s1", 99999999.9999, 3), ("p2", "s2", 0.0001, 2147483647))
    )
    recorded = SearchedOrder(**{**vars(recorded), "customer_name": "Zoë «☃»"})
    await orders.record(recorded)
    assert await orders.find("o1") == recorded
    assert await orders.find("nope") is None


async def test_totals_keep_four_decimal_places(orders: OrderReadModel) -> None:
    await orders.record(SearchedOrder(**{**vars(order("o1", 0)), "total": 1.23456}))
    found = await orders.find("o1")
    assert found is not None
    assert found.total == 1.2346


async def test_recording_again_changes_nothing(orders: OrderReadModel) -> None:
    first = order("o1", 0)
    await orders.record(first)
    await orders.record(order("o1", 50, customer_id="c2"))
    assert await orders.find("o1") == first


async def test_a_status_moves_only_forward(orders: OrderReadModel) -> None:
    await orders.record(order("o1", 0))
    for status, shown in [
        (OrderStatus.APPROVED, OrderStatus.APPROVED),
        (OrderStatus.READY, OrderStatus.READY),
        (OrderStatus.APPROVED, OrderStatus.READY),  # late
        (OrderStatus.NEW, OrderStatus.READY),
        (OrderStatus.COMPLETED, OrderStatus.COMPLETED),
        (OrderStatus.CANCELED, OrderStatus.COMPLETED),  # an end stays
    ]:
        await orders.advance("o1", "c1", status)
        found = await orders.find("o1")
        assert found is not None
        assert found.status is shown


async def test_a_status_before_the_order_is_kept_aside(orders: OrderReadModel) -> None:
    await orders.advance("o1", "c1", OrderStatus.APPROVED)
    await orders.advance("o1", "c1", OrderStatus.READY)
    await orders.advance("o1", "c1", OrderStatus.APPROVED)
    assert await orders.find("o1") is None
    assert await ids(orders) == []
    await orders.record(order("o1", 0))
    found = await orders.find("o1")
    assert found is not None
    assert (found.status, found.customer_name, found.lines) == (
        OrderStatus.READY,
        "Customer c1",
        order("o1", 0).lines,
    )
    assert await ids(orders, OrderFilters(status=OrderStatus.READY)) == ["o1"]


@pytest.fixture
async def five(orders: OrderReadModel) -> OrderReadModel:
    """o1..o5 recorded 10s apart; o3 approved, o5 canceled.

    o1 c1 s1:p1 1x10   total 10
    o2 c2 s2:p2 2x20   total 40
    o3 c1 s1:p1 1x10 + s2:p3 1x5   total 15   Approved
    o4 c2 s3:p4 5x1    total 5
    o5 c1 s2:p2 1x20   total 20   Canceled
    """
    await orders.record(order("o1", 10, "c1", (("p1", "s1", 10.0, 1),)))
    await orders.record(order("o2", 20, "c2", (("p2", "s2", 20.0, 2),)))
    await orders.record(order("o3", 30, "c1", (("p1", "s1", 10.0, 1), ("p3", "s2", 5.0, 1))))
    await orders.record(order("o4", 40, "c2", (("p4", "s3", 1.0, 5),)))
    await orders.record(order("o5", 50, "c1", (("p2", "s2", 20.0, 1),)))
    await orders.advance("o3", "c1", OrderStatus.APPROVED)
    await orders.advance("o5", "c1", OrderStatus.CANCELED)
    await orders.advance("o9", "c1", OrderStatus.CANCELED)  # not recorded: never found
    return orders


def t(seconds: int) -> datetime:
    return T0 + timedelta(seconds=seconds)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (OrderFilters(), ["o5", "o4", "o3", "o2", "o1"]),
        (OrderFilters(customer_id="c1"), ["o5", "o3", "o1"]),
        (OrderFilters(customer_id="c9"), []),
        (OrderFilters(status=OrderStatus.NEW), ["o4", "o2", "o1"]),
        (OrderFilters(status=OrderStatus.CANCELED), ["o5"]),
        (OrderFilters(status=OrderStatus.COMPLETED), []),
        (OrderFilters(after=t(30)), ["o5", "o4", "o3"]),
        (OrderFilters(before=t(30)), ["o2", "o1"]),
        (OrderFilters(after=t(15), before=t(45)), ["o4", "o3", "o2"]),
        (OrderFilters(store_ids=("s1",)), ["o3", "o1"]),
        (OrderFilters(store_ids=("s3", "s9", "s1")), ["o4", "o3", "o1"]),
        (OrderFilters(product_ids=("p3",)), ["o3"]),
        (OrderFilters(product_ids=("p2", "p4")), ["o5", "o4", "o2"]),
        (OrderFilters(min_total=15.0), ["o5", "o3", "o2"]),
        (OrderFilters(max_total=15.0), ["o4", "o3", "o1"]),
        (OrderFilters(min_total=10.0, max_total=20.0), ["o5", "o3", "o1"]),
        (OrderFilters(min_total=10.0001, max_total=14.9999), []),
        (
            OrderFilters(customer_id="c1", store_ids=("s2",), status=OrderStatus.APPROVED),
            ["o3"],
        ),
        (
            OrderFilters(
                customer_id="c1", after=t(20), before=t(60), product_ids=("p2",), min_total=20.0
            ),
            ["o5"],
        ),
    ],
)
async def test_every_filter_alone_and_together(
    five: OrderReadModel, filters: OrderFilters, expected: list[str]
) -> None:
    assert await ids(five, filters) == expected


async def test_pages_resume_strictly_after_the_start(five: OrderReadModel) -> None:
    assert await ids(five, limit=2) == ["o5", "o4"]
    assert await ids(five, start=Position(t(40), "o4"), limit=2) == ["o3", "o2"]
    assert await ids(five, start=Position(t(20), "o2"), limit=2) == ["o1"]
    assert await ids(five, start=Position(t(10), "o1")) == []
    filters = OrderFilters(customer_id="c1")
    assert await ids(five, filters, start=Position(t(50), "o5"), limit=1) == ["o3"]


async def test_pages_stay_put_while_orders_are_recorded(five: OrderReadModel) -> None:
    first = await five.search(OrderFilters(), None, 2)
    await five.record(order("o6", 60))  # newer than every page
    await five.record(order("o0", 45))  # between pages already read: not shown again
    last = first[-1]
    rest = await ids(five, start=Position(last.created_at, last.order_id))
    assert [o.order_id for o in first] + rest == ["o5", "o4", "o3", "o2", "o1"]


async def test_orders_at_the_same_instant_order_by_id(orders: OrderReadModel) -> None:
    for order_id in ("b", "a", "c"):
        await orders.record(order(order_id, 0))
    assert await ids(orders) == ["c", "b", "a"]
    assert await ids(orders, start=Position(t(0), "b")) == ["a"]
    assert await ids(orders, start=Position(t(0), "bb")) == ["b", "a"]


@pytest.mark.parametrize("first", ["status", "order"])
async def test_an_order_and_its_status_written_at_once_both_land(db: Database, first: str) -> None:
    """Two processes: one records the order while the other, in a transaction still open,
    keeps a status for it. Whichever writes first, the other waits for it and the row ends
    with the order and the status."""
    model = PostgresOrderReadModel(db)
    writes = {
        "status": lambda: model.advance("o1", "c1", OrderStatus.CANCELED),
        "order": lambda: model.record(order("o1", 0)),
    }
    second = "order" if first == "status" else "status"
    proceed = asyncio.Event()

    async def hold_open() -> None:
        async with db.transaction():
            await writes[first]()
            proceed.set()
            await asyncio.sleep(0.2)  # the other write now waits on the row

    async def write_after() -> None:
        await proceed.wait()
        async with db.transaction():
            await writes[second]()

    await asyncio.gather(hold_open(), write_after())
    found = await model.find("o1")
    assert found is not None
    assert (found.status, found.lines) == (OrderStatus.CANCELED, order("o1", 0).lines)
