"""Shoppers against a fake mall: a seeded buyer's requests in order and what they leave in
the mall, a browser's cancelled basket, and the shoppers who leave early."""

from __future__ import annotations

import re

from mall_adapters.busywork import shopper
from tests.unit.busywork.fake_mall import FakeMall, Plan
from tests.unit.busywork.scene import scene

VISIT = [r"GET /api/stores/store-\d+", r"GET /api/stores/store-\d+/products"]
ADD = [r"GET /api/stores/products/product-\d+", r"PUT /api/baskets/basket-\d+/addItem"]


def a_mall() -> FakeMall:
    mall = FakeMall(plan=Plan(unknown_looks=1, pending_looks=1))
    mall.store("Ollivanders", 5.0, 7.5)
    mall.store("Flourish", 6.25)
    mall.store("Honeydukes", 9.99, 5.5)
    return mall


async def bought(seed: int) -> tuple[FakeMall, list[str]]:
    mall = a_mall()
    async with scene(mall, seed) as s:
        await shopper.buy(s.actor)
        assert len(s.spawned) == 1, "the order is followed beside the client's loop"
        await s.follow_spawned()
    return mall, s.lines


def matches(patterns: list[str], requests: list[str]) -> bool:
    return len(patterns) == len(requests) and all(
        re.fullmatch(p, r) for p, r in zip(patterns, requests, strict=True)
    )


async def test_a_seeded_buyer_shops_pays_checks_out_and_follows_the_order() -> None:
    mall, _ = await bought(seed=3)
    (basket_id,) = mall.orders
    items = [request for request in mall.requests if request.endswith("/addItem")]
    visits = len(items)
    assert 1 <= visits <= 3
    checkout = mall.requests.index(f"PUT /api/baskets/{basket_id}/checkout")
    assert matches(
        [
            r"POST /api/customers",
            r"POST /api/baskets",
            r"GET /api/stores",
            *(VISIT + ADD) * visits,
            r"POST /api/payments",
            rf"PUT /api/baskets/{basket_id}/checkout",
        ],
        mall.requests[: checkout + 1],
    )
    assert mall.requests[checkout + 1] == f"GET /api/ordering/{basket_id}"
    prices = {product_id: p["price"] for product_id, p in mall.products.items()}
    total = sum(prices[product] * quantity for product, quantity in mall.baskets[basket_id])
    assert list(mall.payments.values()) == [round(total, 2)]
    assert mall.orders[basket_id].status != "pending"


async def test_the_same_seed_makes_the_same_requests_and_another_seed_others() -> None:
    first, first_lines = await bought(seed=3)
    again, again_lines = await bought(seed=3)
    other, _ = await bought(seed=4)
    assert first.requests == again.requests
    assert [line[9:] for line in first_lines] == [line[9:] for line in again_lines]  # no clock
    assert first.requests != other.requests


async def test_a_browser_cancels_the_basket_and_pays_nothing() -> None:
    mall = a_mall()
    async with scene(mall, seed=3) as s:
        await shopper.browse(s.actor)
    assert re.fullmatch(r"DELETE /api/baskets/basket-\d+", mall.requests[-1])
    assert not mall.baskets and not mall.payments and not mall.orders
    assert not s.spawned


async def test_a_shopper_leaves_a_mall_with_too_few_stores() -> None:
    mall = FakeMall()
    async with scene(mall) as s:
        await shopper.buy(s.actor)
    assert mall.requests == ["POST /api/customers", "POST /api/baskets", "GET /api/stores"]
    assert any("finds too few stores (0) and leaves" in line for line in s.lines)


async def test_a_buyer_who_finds_nothing_to_buy_cancels_the_basket() -> None:
    mall = FakeMall()
    for name in ("Empty", "Bare", "Void"):
        mall.store(name)
    async with scene(mall) as s:
        await shopper.buy(s.actor)
    assert not any(r.endswith("/addItem") or r == "POST /api/payments" for r in mall.requests)
    assert re.fullmatch(r"DELETE /api/baskets/basket-\d+", mall.requests[-1])
    assert any("thinks $0.00 is too much" in line for line in s.lines)
    assert not s.spawned and not mall.orders
