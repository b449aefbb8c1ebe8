"""Depot through the real app: HTTP in, PostgreSQL, the caches kept from the stores events
over NATS, the stores look-ups over NATS request/reply, and the outbox behind."""

from __future__ import annotations

from typing import Any

import httpx

from mall_adapters.bootstrap.containers import Root
from mall_contracts.depot import messages, subjects
from tests.support.app import AppUnderTest
from tests.support.polling import eventually

App = AppUnderTest
NOT_FOUND = "shopping list with that ID does not exist"


async def store_with_product(client: httpx.AsyncClient) -> tuple[str, str]:
    body = {"name": "Ollivanders", "location": "Diagon Alley"}
    store = (await client.post("/api/stores", json=body)).json()["id"]
    added = await client.post(f"/api/stores/{store}/products", json={"name": "Wand", "price": 9.5})
    assert added.status_code == 200, added.text
    return store, added.json()["id"]


async def create(client: httpx.AsyncClient, order_id: str, store: str, product: str) -> str:
    item = {"productId": product, "storeId": store, "quantity": 2}
    created = await client.post("/api/depot/shopping", json={"orderId": order_id, "items": [item]})
    assert created.status_code == 200, created.text
    list_id: str = created.json()["id"]
    return list_id


async def cached(root: Root, table: str, entry_id: str) -> Any:
    return await root.infra.db().fetchrow(f"SELECT * FROM depot.{table} WHERE id = $1", entry_id)


def error(response: httpx.Response) -> tuple[int, str, int]:
    body = response.json()
    return response.status_code, body["message"], body["code"]


async def test_create_and_get_a_list(app: App) -> None:
    client, _ = app
    store, product = await store_with_product(client)
    list_id = await create(client, "order-1", store, product)
    got = await client.get(f"/api/depot/shopping/{list_id}")
    assert got.status_code == 200
    assert got.json() == {
        "shoppingList": {
            "id": list_id,
            "orderId": "order-1",
            "status": "pending",
            "assignedBotId": "",
            "stops": [
                {
                    "storeId": store,
                    "storeName": "Ollivanders",
                    "storeLocation": "Diagon Alley",
                    "items": [{"productId": product, "productName": "Wand", "quantity": 2}],
                }
            ],
        }
    }
    listed = await client.get("/api/depot/shopping", params={"orderId": "order-1"})
    assert listed.json() == {"shoppingLists": [got.json()["shoppingList"]]}
    none = await client.get("/api/depot/shopping", params={"orderId": "other"})
    assert none.json() == {"shoppingLists": []}


async def test_an_order_gets_one_live_list_and_a_key_replays(app: App) -> None:
    client, _ = app
    store, product = await store_with_product(client)
    first = await create(client, "order-1", store, product)
    assert await create(client, "order-1", store, product) == first
    body = {"orderId": "order-2", "items": []}
    headers = {"Idempotency-Key": "k-1"}
    once = await client.post("/api/depot/shopping", json=body, headers=headers)
    again = await client.post("/api/depot/shopping", json=body, headers=headers)
    assert once.json() == again.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    other = await client.post("/api/depot/shopping", json={"orderId": "x"}, headers=headers)
    assert other.status_code == 422


async def test_the_caches_follow_the_stores_events_and_fall_back_on_a_miss(app: App) -> None:
    client, root = app
    store, product = await store_with_product(client)
    row = await eventually(lambda: cached(root, "products_cache", product), lambda r: r is not None)
    assert (row["store_id"], row["name"], row["version"]) == (store, "Wand", 1)
    await client.put(f"/api/stores/{store}/rebrand", json={"name": "Olli's"})
    row = await eventually(
        lambda: cached(root, "stores_cache", store), lambda r: r and r["version"] == 2
    )
    assert (row["name"], row["location"]) == ("Olli's", "Diagon Alley")
    async with root.infra.db().pool.acquire() as conn:
        await conn.execute("DELETE FROM depot.stores_cache; DELETE FROM depot.products_cache")
    list_id = await create(client, "order-1", store, product)  # both asked of stores
    [stop] = (await client.get(f"/api/depot/shopping/{list_id}")).json()["shoppingList"]["stops"]
    assert (stop["storeName"], stop["items"][0]["productName"]) == ("Olli's", "Wand")
    assert (await cached(root, "stores_cache", store))["version"] == 2
    assert (await cached(root, "products_cache", product))["version"] == 1


async def test_unknown_stores_and_products_are_404(app: App) -> None:
    client, _ = app
    store, product = await store_with_product(client)
    missing = {"orderId": "o", "items": [{"productId": "nope", "storeId": store, "quantity": 1}]}
    assert error(await client.post("/api/depot/shopping", json=missing)) == (
        404,
        "building shopping list: product 'nope' was not located",
        5,
    )
    missing["items"] = [{"productId": product, "storeId": "nope", "quantity": 1}]
    assert error(await client.post("/api/depot/shopping", json=missing))[:2] == (
        404,
        "building shopping list: store 'nope' was not located",
    )


async def test_bad_input_is_a_clear_4xx(app: App) -> None:
    client, _ = app
    blank = await client.post("/api/depot/shopping", json={"orderId": " ", "items": []})
    assert error(blank) == (400, "the order id cannot be blank", 3)
    negative = {"orderId": "o", "items": [{"productId": "p", "storeId": "s", "quantity": -1}]}
    assert (await client.post("/api/depot/shopping", json=negative)).status_code == 400
    assert (await client.get("/api/depot/shopping")).status_code == 400  # orderId is required
    nul = await client.get("/api/depot/shopping", params={"orderId": "a\x00b"})
    assert nul.status_code == 400
    long = await client.get("/api/depot/shopping", params={"orderId": "x" * 65})
    assert long.status_code == 400


async def test_unknown_ids_are_404(app: App) -> None:
    client, _ = app
    for response in (
        await client.get("/api/depot/shopping/nope"),
        await client.post("/api/depot/shopping/nope", json={}),
        await client.put("/api/depot/shopping/nope/assign", json={"botId": "b"}),
        await client.put("/api/depot/shopping/nope/complete", json={}),
    ):
        assert error(response) == (404, NOT_FOUND, 5)


async def test_a_pending_list_cannot_be_assigned_or_completed_but_canceled(app: App) -> None:
    client, _ = app
    list_id = await create(client, "order-1", *await store_with_product(client))
    base = f"/api/depot/shopping/{list_id}"
    assigned = await client.put(f"{base}/assign", json={"botId": "bot-7"})
    assert error(assigned) == (400, "the shopping list cannot be assigned", 3)
    completed = await client.put(f"{base}/complete", json={})
    assert error(completed) == (400, "the shopping list cannot be completed", 3)
    canceled = await client.post(base, json={})
    assert (canceled.status_code, canceled.json()) == (200, {})
    again = await client.post(base, json={})
    assert error(again) == (400, "the shopping list cannot be canceled", 3)
    assert (await client.get(base)).json()["shoppingList"]["status"] == "canceled"


async def outbox(root: Root) -> list[tuple[str, str, bytes]]:
    rows = await root.infra.db().fetch(
        "SELECT subject, name, data FROM depot.outbox ORDER BY position"
    )
    return [(r["subject"], r["name"], bytes(r["data"])) for r in rows]


async def test_completing_an_assigned_list_publishes_through_the_outbox(app: App) -> None:
    client, root = app
    list_id = await create(client, "order-1", *await store_with_product(client))
    async with root.infra.db().pool.acquire() as conn:  # what the saga's InitiateShopping does
        await conn.execute("UPDATE depot.shopping_lists SET status = 'available', version = 2")
    base = f"/api/depot/shopping/{list_id}"
    assigned = await client.put(f"{base}/assign", json={"botId": "bot-7"})
    assert (assigned.status_code, assigned.json()) == (200, {})
    completed = await client.put(f"{base}/complete", json={})
    assert (completed.status_code, completed.json()) == (200, {})
    got = (await client.get(base)).json()["shoppingList"]
    assert (got["status"], got["assignedBotId"]) == ("completed", "bot-7")
    assert await outbox(root) == [
        (
            subjects.SHOPPING_LIST_EVENTS,
            messages.SHOPPING_LIST_COMPLETED,
            b'{"id":"%s","order_id":"order-1"}' % list_id.encode(),
        )
    ]
