"""Administrators against a fake mall: opening the mall sets up only the stores missing, a
store is set up with its products, rebrands change what they name, and an admin who finds
nothing to change asks for nothing more."""

from __future__ import annotations

from mall_adapters.busywork import admin
from tests.unit.busywork.fake_mall import FakeMall
from tests.unit.busywork.scene import scene


async def test_opening_the_mall_sets_up_only_the_stores_missing() -> None:
    mall = FakeMall()
    mall.store("Ollivanders", 5.0)
    async with scene(mall) as s:
        await admin.open_mall(s.actor, at_least=3)
        assert len(mall.stores) == 3
        await admin.open_mall(s.actor, at_least=3)
    assert mall.requests.count("POST /api/stores") == 2
    assert mall.requests[-1] == "GET /api/stores"  # the second opening: nothing missing


async def test_a_new_store_gets_two_to_five_products_then_is_read_back() -> None:
    mall = FakeMall()
    async with scene(mall, seed=5) as s:
        await admin.set_up_store(s.actor)
    (store_id,) = mall.stores
    added = [r for r in mall.requests if r == f"POST /api/stores/{store_id}/products"]
    assert 2 <= len(added) <= 5
    assert mall.requests == [
        "POST /api/stores",
        *added,
        f"GET /api/stores/{store_id}",
    ]
    assert len(mall.products) == len(added)
    assert all(5.0 <= p["price"] <= 11.99 for p in mall.products.values())
    assert any(f"{mall.stores[store_id]} is open" in line for line in s.lines)


async def test_rebrands_rename_what_they_name() -> None:
    mall = FakeMall()
    store_id = mall.store("Ollivanders", 5.0)
    (product_id,) = mall.products
    async with scene(mall) as s:
        await admin.rebrand_store(s.actor)
        await admin.rebrand_product(s.actor)
    assert mall.stores[store_id] != "Ollivanders"
    assert mall.products[product_id]["name"] != "Ollivanders ware"
    assert f"PUT /api/stores/{store_id}/rebrand" in mall.requests
    assert mall.requests[-1] == f"PUT /api/stores/products/{product_id}/rebrand"


async def test_an_admin_who_finds_nothing_to_change_changes_nothing() -> None:
    mall = FakeMall()
    async with scene(mall) as s:
        await admin.rebrand_store(s.actor)
        await admin.add_inventory(s.actor)
        mall.store("Bare")
        await admin.rebrand_product(s.actor)
    assert mall.requests == [
        "GET /api/stores",
        "GET /api/stores",
        "GET /api/stores",
        "GET /api/stores/store-1/products",
    ]
    assert sum("finds no stores yet" in line for line in s.lines) == 2
    assert any("Bare has no product to rebrand" in line for line in s.lines)


async def test_a_mall_that_cannot_open_is_logged_and_counted_not_a_fault() -> None:
    mall = FakeMall()
    mall.refuse["GET /api/stores"].append(503)
    async with scene(mall) as s:
        await admin.open_mall(s.actor, at_least=3)
    assert mall.requests == ["GET /api/stores"]
    assert (s.tally.server_errors, s.tally.faults) == (1, 0)
    assert any("the mall is having a hard time opening: 503" in line for line in s.lines)
