"""Search's consumers over real NATS: caches kept from the customers and stores events, the
look-up fallback on a miss, and order events handled in whatever order they arrive."""

from __future__ import annotations

from typing import Any

from mall_contracts.ordering import messages as ordering
from tests.support.app import AppUnderTest
from tests.support.polling import eventually
from tests.support.search_orders import order_created, publish_order_events

App = AppUnderTest


async def created(app: App, url: str, body: dict[str, Any]) -> str:
    response = await app[0].post(url, json=body)
    assert response.status_code == 200, response.text
    created_id: str = response.json()["id"]
    return created_id


async def test_caches_follow_events_and_a_miss_asks_the_owner(app: App) -> None:
    client, root = app
    pool = root.infra.db().pool
    ann = await created(app, "/api/customers", {"name": "Ann", "smsNumber": "1"})
    store = await created(app, "/api/stores", {"name": "Ollivanders", "location": "L"})
    wand = await created(app, f"/api/stores/{store}/products", {"name": "Wand", "price": 9})
    await client.put(f"/api/stores/{store}/rebrand", json={"name": "Ollivanders & Sons"})
    await client.put(f"/api/stores/products/{wand}/rebrand", json={"name": "Staff"})
    caches = (
        "SELECT (SELECT name FROM search.customers_cache WHERE id = $1),"
        " (SELECT name FROM search.stores_cache WHERE id = $2),"
        " (SELECT name FROM search.products_cache WHERE id = $3)"
    )
    names = await eventually(
        lambda: pool.fetchrow(caches, ann, store, wand),
        lambda row: tuple(row) == ("Ann", "Ollivanders & Sons", "Staff"),
    )
    assert names is not None
    # A new deployment of search, say: empty caches, so the order's names come by request.
    await pool.execute(
        "TRUNCATE search.customers_cache, search.stores_cache, search.products_cache"
    )
    await publish_order_events(
        root.settings().nats_url,
        (ordering.ORDER_CREATED, order_created("o1", ann, [(wand, store, 9.0, 2)])),
    )
    order = await eventually(
        lambda: client.get("/api/search/orders/o1"), lambda r: r.status_code == 200
    )
    assert order.json()["order"]["customerName"] == "Ann"
    assert [(i["productName"], i["storeName"]) for i in order.json()["order"]["items"]] == [
        ("Staff", "Ollivanders & Sons")
    ]
    assert tuple(await pool.fetchrow(caches, ann, store, wand)) == (
        "Ann",
        "Ollivanders & Sons",
        "Staff",
    )


async def test_a_removed_product_is_still_named(app: App) -> None:
    client, root = app
    pool = root.infra.db().pool
    store = await created(app, "/api/stores", {"name": "Ollivanders", "location": "L"})
    wand = await created(app, f"/api/stores/{store}/products", {"name": "Wand", "price": 9})
    assert (await client.delete(f"/api/stores/products/{wand}")).status_code == 200
    await eventually(
        lambda: pool.fetchval("SELECT removed FROM search.products_cache WHERE id = $1", wand),
        lambda removed: removed is True,
    )
    await publish_order_events(
        root.settings().nats_url,
        (ordering.ORDER_CREATED, order_created("o1", "c-unknown", [(wand, store, 9.0, 1)])),
    )
    order = await eventually(
        lambda: client.get("/api/search/orders/o1"), lambda r: r.status_code == 200
    )
    item = order.json()["order"]["items"][0]
    assert (item["productName"], item["storeName"]) == ("Wand", "Ollivanders")
    assert order.json()["order"]["customerName"] == ""  # customers does not know c-unknown


async def test_order_events_in_any_order_end_at_the_furthest_status(app: App) -> None:
    client, root = app
    pool = root.infra.db().pool
    url = root.settings().nats_url
    ids = {"id": "o7", "customer_id": "c1", "payment_id": "pay-1"}
    await publish_order_events(
        url,
        (ordering.ORDER_READIED, ordering.OrderReadied(**ids, total=3.0)),
        (ordering.ORDER_APPROVED, ordering.OrderApproved(**ids, shopping_id="sh-1")),
    )
    await eventually(lambda: pool.fetchval("SELECT count(*) FROM search.inbox"), lambda n: n == 2)
    assert (await client.get("/api/search/orders/o7")).status_code == 404  # not created yet
    await publish_order_events(
        url, (ordering.ORDER_CREATED, order_created("o7", "c1", [("p1", "s1", 1.5, 2)]))
    )
    order = await eventually(
        lambda: client.get("/api/search/orders/o7"), lambda r: r.status_code == 200
    )
    assert (order.json()["order"]["status"], order.json()["order"]["total"]) == (
        "Ready For Pickup",
        3.0,
    )
    completed = ordering.OrderCompleted(id="o7", customer_id="c1", invoice_id="o7")
    await publish_order_events(url, (ordering.ORDER_COMPLETED, completed))
    await eventually(
        lambda: client.get("/api/search/orders/o7"),
        lambda r: r.json()["order"]["status"] == "Completed",
    )
