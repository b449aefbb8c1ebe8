"""Searching orders: every filter alone and together, newest first, keyset pages, and the
requests refused with a 400."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from mall.kernel.errors import BadRequestError
from mall_contracts.ordering import messages as ordering
from tests.unit.search.conftest import SearchCore

START = datetime(2026, 1, 1, tzinfo=UTC)  # the FixedClock's start; each order comes 1s later


def at(seconds: int) -> str:
    return (START + timedelta(seconds=seconds)).isoformat().replace("+00:00", "Z")


@pytest.fixture
async def mall(core: SearchCore) -> SearchCore:
    """Five orders, recorded 1s apart (o1 at START+1s ... o5 at START+5s):

    o1 ann  s1:p1 x1 @10   total 10   New
    o2 bob  s2:p2 x2 @20   total 40   Approved
    o3 ann  s1:p1 x1 @10, s2:p3 x1 @5   total 15   Ready For Pickup
    o4 bob  s3:p4 x5 @1    total 5    New
    o5 ann  s2:p2 x1 @20   total 20   Canceled
    """
    await core.created("o1", "ann", [("p1", "s1", 10.0, 1)])
    await core.created("o2", "bob", [("p2", "s2", 20.0, 2)])
    await core.created("o3", "ann", [("p1", "s1", 10.0, 1), ("p3", "s2", 5.0, 1)])
    await core.created("o4", "bob", [("p4", "s3", 1.0, 5)])
    await core.created("o5", "ann", [("p2", "s2", 20.0, 1)])
    h = core.handlers
    await h.on_order_approved(
        ordering.OrderApproved(id="o2", customer_id="bob", payment_id="x", shopping_id="sh")
    )
    await h.on_order_readied(
        ordering.OrderReadied(id="o3", customer_id="ann", payment_id="x", total=15.0)
    )
    await h.on_order_canceled(
        ordering.OrderCanceled(id="o5", customer_id="ann", payment_id="x", total=10.0)
    )
    return core


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["o5", "o4", "o3", "o2", "o1"]),
        ({"customer_id": "ann"}, ["o5", "o3", "o1"]),
        ({"customer_id": "nobody"}, []),
        ({"status": "New"}, ["o4", "o1"]),
        ({"status": "Ready For Pickup"}, ["o3"]),
        ({"after": at(3)}, ["o5", "o4", "o3"]),  # at or after
        ({"before": at(3)}, ["o2", "o1"]),  # strictly before
        ({"after": at(2), "before": at(4)}, ["o3", "o2"]),
        ({"after": "2026-01-01T01:00:03+01:00"}, ["o5", "o4", "o3"]),  # any offset
        ({"store_ids": ["s1"]}, ["o3", "o1"]),
        ({"store_ids": ["s3", "s1"]}, ["o4", "o3", "o1"]),  # any of them
        ({"product_ids": ["p3", "p4"]}, ["o4", "o3"]),
        ({"product_ids": ["p2"]}, ["o5", "o2"]),
        ({"min_total": 15}, ["o5", "o3", "o2"]),  # inclusive
        ({"max_total": 15}, ["o4", "o3", "o1"]),  # inclusive
        ({"min_total": 10, "max_total": 20}, ["o5", "o3", "o1"]),
        ({"customer_id": "ann", "store_ids": ["s2"], "min_total": 16}, ["o5"]),
        ({"customer_id": "bob", "status": "Approved", "before": at(3)}, ["o2"]),
    ],
)
async def test_filters_alone_and_together(
    mall: SearchCore, filters: dict[str, Any], expected: list[str]
) -> None:
    assert await mall.ids(**filters) == expected
    page = await mall.search(**filters)  # one page of up to 20
    assert [o.order_id for o in page.orders] == expected
    assert page.next == ""


async def test_pages_resume_after_the_last_order_even_while_orders_arrive(
    mall: SearchCore,
) -> None:
    first = await mall.search(limit=2)
    assert [o.order_id for o in first.orders] == ["o5", "o4"]
    await mall.created("o6", "ann", [("p1", "s1", 1.0, 1)])  # newer: not in these pages
    second = await mall.search(next=first.next, limit=2)
    assert [o.order_id for o in second.orders] == ["o3", "o2"]
    third = await mall.search(next=second.next, limit=2)
    assert ([o.order_id for o in third.orders], third.next) == (["o1"], "")
    assert (await mall.search(limit=1)).orders[0].order_id == "o6"


async def test_orders_recorded_at_the_same_time_page_by_id(core: SearchCore) -> None:
    for order_id in ("b", "a", "c"):
        await core.created(order_id, "ann", [("p1", "s1", 1.0, 1)], after_seconds=0)
    assert await core.ids() == ["c", "b", "a"]


async def test_a_page_holds_twenty_orders_unless_told(core: SearchCore) -> None:
    for n in range(25):
        await core.created(f"o{n:02}", "ann", [("p1", "s1", 1.0, 1)])
    page = await core.search()
    assert (len(page.orders), page.orders[0].order_id) == (20, "o24")
    rest = await core.search(next=page.next)
    assert ([o.order_id for o in rest.orders], rest.next) == (
        ["o04", "o03", "o02", "o01", "o00"],
        "",
    )
    assert len((await core.search(limit=100)).orders) == 25


async def test_a_full_last_page_has_no_next(mall: SearchCore) -> None:
    page = await mall.search(limit=5)
    assert (len(page.orders), page.next) == (5, "")


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        ({"next": "not-a-cursor"}, "^the next cursor is malformed"),
        ({"next": "W10"}, "^the next cursor is malformed"),  # "[]"
        ({"next": "WyJ4IiwgIm8xIl0"}, "^the next cursor is malformed"),  # ["x", "o1"]
        ({"next": "WyIyMDI2LTAxLTAxVDAwOjAwOjAwIiwgIm8xIl0"}, "^the next cursor is malformed"),
        ({"after": "yesterday"}, "^the after time must be an RFC 3339 time"),
        ({"before": "2026-01-01"}, "^the before time must be an RFC 3339 time"),
        ({"before": "2026-01-01T00:00:00"}, "^the before time must be an RFC 3339 time"),
        ({"after": "2026-02-31T00:00:00Z"}, "^the after time is not a valid date and time$"),
        ({"status": "Pending"}, '^the status must be one of "New", "Approved"'),
        ({"store_ids": [f"s{n}" for n in range(101)]}, "^a search takes at most 100 store ids$"),
        ({"product_ids": [f"p{n}" for n in range(101)]}, "^a search takes at most 100 product"),
        ({"min_total": 5, "max_total": 4}, "^the minimum total cannot be more than the maximum"),
    ],
)
async def test_bad_requests_say_what_is_wrong(
    mall: SearchCore, request_: dict[str, Any], message: str
) -> None:
    with pytest.raises(BadRequestError, match=message):
        await mall.search(**request_)


async def test_a_hundred_ids_and_repeated_ids_are_fine(mall: SearchCore) -> None:
    ids = ["s1"] * 150 + [f"x{n}" for n in range(99)]
    assert await mall.ids(store_ids=ids) == ["o3", "o1"]
