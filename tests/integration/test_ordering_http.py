"""Order Processing through the real app: HTTP in, the event store, the outbox behind."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from mall_adapters.bootstrap.settings import ALL_MODULES, Settings
from mall_adapters.postgres.database import Database
from tests.support.app import AppUnderTest, make_settings
from tests.support.polling import eventually

App = AppUnderTest
MODULES = tuple(m for m in ALL_MODULES if m != "cosec")
"""Every module but the create-order saga: the tests play cosec, so no saga races them."""
NOT_FOUND = "order with that ID does not exist"
LINE = {
    "storeId": "s1",
    "productId": "p1",
    "storeName": "Ollivanders",
    "productName": "Wand",
    "price": 9.99,
    "quantity": 2,
}


@pytest.fixture
def settings(pg_dsn: str, nats_url: str, tmp_path: Path) -> Settings:
    """Snapshots every 2 events, so an order's later changes load from a snapshot."""
    return make_settings(pg_dsn, nats_url, tmp_path, snapshot_every=2, modules=MODULES)


async def unpublished(db: Database) -> int:
    outboxes = (f"(SELECT count(*) FROM {m}.outbox WHERE published_at IS NULL)" for m in MODULES)
    count: int = await db.fetchval("SELECT " + " + ".join(outboxes))
    return count


@pytest.fixture
async def pg(app: App) -> AsyncIterator[Database]:
    """The app's database; afterwards waits until the relays are idle (nothing in flight)."""
    db: Database = app[1].infra.db()
    yield db
    await eventually(lambda: unpublished(db), lambda n: n == 0)


async def outbox(pg: Database) -> list[tuple[str, dict[str, Any]]]:
    rows = await pg.fetch("SELECT name, data FROM ordering.outbox ORDER BY sent_at, position")
    return [(r["name"], json.loads(bytes(r["data"]))) for r in rows]


async def create(client: httpx.AsyncClient, **overrides: Any) -> httpx.Response:
    body = {"items": [LINE], "customerId": "c1", "paymentId": "pay-1", **overrides}
    return await client.post("/api/ordering", json=body)


async def test_create_get_and_cancel(app: App, pg: Database) -> None:
    client, _ = app
    created = await create(client)
    assert created.status_code == 200
    order_id = created.json()["id"]
    got = await client.get(f"/api/ordering/{order_id}")
    assert (got.status_code, got.json()) == (
        200,
        {
            "order": {
                "id": order_id,
                "customerId": "c1",
                "paymentId": "pay-1",
                "items": [LINE],
                "status": "pending",
                "shoppingId": "",
                "invoiceId": "",
            }
        },
    )
    canceled = await client.delete(f"/api/ordering/{order_id}")
    assert (canceled.status_code, canceled.json()) == (200, {})
    again = await client.delete(f"/api/ordering/{order_id}")
    assert again.status_code == 400
    assert (again.json()["message"], again.json()["code"]) == ("the order cannot be cancelled", 3)
    assert (await client.get(f"/api/ordering/{order_id}")).json()["order"]["status"] == "cancelled"
    assert await outbox(pg) == [
        (
            "ordersapi.OrderCreated",
            {
                "id": order_id,
                "customer_id": "c1",
                "payment_id": "pay-1",
                "shopping_id": "",
                "items": [{"product_id": "p1", "store_id": "s1", "price": 9.99, "quantity": 2}],
            },
        ),
        (
            "ordersapi.OrderCanceled",
            {
                "id": order_id,
                "customer_id": "c1",
                "payment_id": "pay-1",
                "shopping_id": "",
                "total": 19.98,
            },
        ),
    ]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"items": [], "customerId": ""}, "create order command: the order has no items"),
        ({"customerId": " "}, "create order command: the customer id cannot be blank"),
        ({"paymentId": ""}, "create order command: the payment id cannot be blank"),
        ({"items": [{**LINE, "quantity": -1}]}, "`int` >= 0 at `$.items[0].quantity`"),
        ({"items": [{**LINE, "price": -0.5}]}, "`float` >= 0.0 at `$.items[0].price`"),
    ],
)
async def test_bad_creates_are_400(
    app: App, pg: Database, overrides: dict[str, Any], message: str
) -> None:
    client, _ = app
    refused = await create(client, **overrides)
    assert refused.status_code == 400
    assert refused.json()["message"].endswith(message)
    assert await pg.fetchval("SELECT count(*) FROM ordering.events") == 0


async def test_unknown_orders_are_404(app: App) -> None:
    client, _ = app
    for response in (
        await client.get("/api/ordering/nope"),
        await client.delete("/api/ordering/nope"),
    ):
        assert response.status_code == 404
        assert (response.json()["message"], response.json()["code"]) == (NOT_FOUND, 5)


async def test_a_repeated_create_with_a_key_returns_the_first_order(app: App, pg: Database) -> None:
    client, _ = app
    key = {"Idempotency-Key": "order-key-1"}
    body = {"items": [LINE], "customerId": "c1", "paymentId": "pay-1"}
    first = await client.post("/api/ordering", json=body, headers=key)
    again = await client.post("/api/ordering", json=body, headers=key)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert again.headers["idempotent-replayed"] == "true"
    other = await client.post("/api/ordering", json={**body, "paymentId": "pay-2"}, headers=key)
    assert other.status_code == 422
    assert await pg.fetchval("SELECT count(*) FROM ordering.events") == 1
