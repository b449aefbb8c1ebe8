"""Search through the real app: order events over NATS in, searches and look-ups over HTTP."""

from __future__ import annotations

from typing import Any

import httpx

from mall_contracts.ordering import messages as ordering
from tests.support.app import AppUnderTest
from tests.support.polling import eventually
from tests.support.search_orders import order_created, publish_order_events

App = AppUnderTest


async def json_of(client: httpx.AsyncClient, method: str, url: str, **kw: Any) -> Any:
    response = await client.request(method, url, **kw)
    assert response.status_code == 200, response.text
    return response.json()


async def seed(app: App) -> dict[str, str]:
    """A customer, two stores with a product each, and three orders (o1 oldest), all known
    to search."""
    client, root = app
    ann = (await json_of(client, "POST", "/api/customers", json={"name": "Ann", "smsNumber": "1"}))[
        "id"
    ]
    ids = {"ann": ann}
    for store in ("Ollivanders", "Flourish"):
        store_id = (
            await json_of(client, "POST", "/api/stores", json={"name": store, "location": "L"})
        )["id"]
        product = await json_of(
            client, "POST", f"/api/stores/{store_id}/products", json={"name": f"{store} item"}
        )
        ids[store], ids[f"{store} item"] = store_id, product["id"]
    wand, book = ids["Ollivanders item"], ids["Flourish item"]
    pool = root.infra.db().pool
    for order_id, lines in [
        ("o1", [(wand, ids["Ollivanders"], 10.0, 1)]),
        ("o2", [(book, ids["Flourish"], 2.5, 4)]),
        ("o3", [(wand, ids["Ollivanders"], 10.0, 2), (book, ids["Flourish"], 2.5, 2)]),
    ]:
        await publish_order_events(
            root.settings().nats_url, (ordering.ORDER_CREATED, order_created(order_id, ann, lines))
        )
        await eventually(
            lambda oid=order_id: pool.fetchval(  # type: ignore[misc]
                "SELECT count(*) FROM search.orders WHERE order_id = $1", oid
            ),
            lambda n: n == 1,
        )
    return ids


async def test_search_and_get_orders(app: App) -> None:
    client, _ = app
    ids = await seed(app)
    got = await json_of(client, "GET", "/api/search/orders/o3")
    assert got == {
        "order": {
            "orderId": "o3",
            "customerId": ids["ann"],
            "customerName": "Ann",
            "items": [
                {
                    "productId": ids["Ollivanders item"],
                    "storeId": ids["Ollivanders"],
                    "productName": "Ollivanders item",
                    "storeName": "Ollivanders",
                    "price": 10.0,
                    "quantity": 2,
                },
                {
                    "productId": ids["Flourish item"],
                    "storeId": ids["Flourish"],
                    "productName": "Flourish item",
                    "storeName": "Flourish",
                    "price": 2.5,
                    "quantity": 2,
                },
            ],
            "total": 25.0,
            "status": "New",
        }
    }
    everything = await json_of(client, "POST", "/api/search/orders", json={"filters": {}})
    assert ([o["orderId"] for o in everything["orders"]], everything["next"]) == (
        ["o3", "o2", "o1"],
        "",
    )
    assert await json_of(client, "POST", "/api/search/orders", json={}) == everything
    by_store = await json_of(
        client,
        "POST",
        "/api/search/orders",
        json={"filters": {"storeIds": [ids["Flourish"]], "minTotal": 10, "customerId": ids["ann"]}},
    )
    assert [o["orderId"] for o in by_store["orders"]] == ["o3", "o2"]


async def test_pages_over_http(app: App) -> None:
    client, _ = app
    await seed(app)
    seen: list[str] = []
    body: dict[str, Any] = {"filters": {"status": "New"}, "limit": 2}
    while True:
        page = await json_of(client, "POST", "/api/search/orders", json=body)
        seen.extend(o["orderId"] for o in page["orders"])
        if not page["next"]:
            break
        body["next"] = page["next"]
    assert seen == ["o3", "o2", "o1"]


async def test_bad_searches_are_400_and_unknown_orders_404(app: App) -> None:
    client, _ = app
    for body, message in [
        ({"filters": {}, "next": "garbage!"}, "the next cursor is malformed"),
        ({"filters": {"after": "last tuesday"}}, "the after time must be an RFC 3339 time"),
        ({"filters": {"status": "Lost"}}, "the status must be one of"),
        ({"filters": {}, "limit": 101}, "Expected `int` <= 100 at `$.limit`"),
        ({"filters": {"minTotal": -1}}, "Expected `float` >= 0"),
        ({"filters": {"storeIds": ["x" * 65]}}, "Expected `str` of length <= 64"),
        ({"filters": None}, "Expected `object`, got `null` at `$.filters`"),
    ]:
        response = await client.post("/api/search/orders", json=body)
        assert response.status_code == 400, (body, response.text)
        assert message in response.json()["message"], response.json()
        assert response.json()["code"] == 3
    for order_id in ("nope", "x" * 65):
        missing = await client.get(f"/api/search/orders/{order_id}")
        assert missing.status_code == 404
    missing = await client.get("/api/search/orders/nope")
    assert missing.json()["message"] == "order with that ID does not exist"
