"""Shopping Baskets through the real app: HTTP in, PostgreSQL, the outbox and NATS behind.

Stores' events reach the baskets caches through the outbox relay and the JetStream
consumers, so the tests poll (with a deadline) instead of assuming any timing.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from mall_adapters.bootstrap.settings import Settings
from mall_adapters.postgres.database import Database
from tests.support.app import AppUnderTest, make_settings
from tests.support.polling import eventually

App = AppUnderTest


@pytest.fixture
def settings(pg_dsn: str, nats_url: str, tmp_path: Path) -> Settings:
    """Snapshots every 3 events, so a basket's journey is also loaded from snapshots."""
    return make_settings(pg_dsn, nats_url, tmp_path, snapshot_every=3)


@pytest.fixture
async def pg(app: App) -> AsyncIterator[Database]:
    """The app's own database, for reading and changing tables behind its back.

    Afterwards it waits until the outbox relays are idle, so every test leaves nothing in
    flight for the next one's stream.
    """
    db: Database = app[1].infra.db()
    yield db
    await eventually(lambda: unpublished(db), lambda n: n == 0)


async def unpublished(db: Database) -> int:
    async with db.transaction() as conn:
        count: int = await conn.fetchval(
            "SELECT (SELECT count(*) FROM stores.outbox WHERE published_at IS NULL)"
            " + (SELECT count(*) FROM baskets.outbox WHERE published_at IS NULL)"
        )
        return count


async def fetch(pg: Database, sql: str, *args: Any) -> list[dict[str, Any]]:
    async with pg.transaction() as conn:
        return [dict(r) for r in await conn.fetch(sql, *args)]


async def cached_product(pg: Database, product_id: str) -> list[dict[str, Any]]:
    return await fetch(
        pg,
        "SELECT id, store_id, name, price::float8 AS price FROM baskets.products_cache"
        " WHERE id = $1",
        product_id,
    )


async def cached_store(pg: Database, store_id: str) -> list[dict[str, Any]]:
    return await fetch(pg, "SELECT id, name FROM baskets.stores_cache WHERE id = $1", store_id)


async def create_product(
    client: httpx.AsyncClient, store: str, product: str, price: float
) -> tuple[str, str]:
    created = await client.post("/api/stores", json={"name": store, "location": "Diagon Alley"})
    store_id: str = created.json()["id"]
    added = await client.post(
        f"/api/stores/{store_id}/products", json={"name": product, "price": price}
    )
    assert added.status_code == 200
    product_id: str = added.json()["id"]
    return store_id, product_id


async def wait_until_cached(pg: Database, store_id: str, product_id: str) -> None:
    await eventually(lambda: cached_store(pg, store_id), bool)
    await eventually(lambda: cached_product(pg, product_id), bool)


async def test_caches_fill_from_store_events(app: App, pg: Database) -> None:
    client, _ = app
    store_id, product_id = await create_product(client, "Ollivanders", "Wand", 9.99)
    stores = await eventually(lambda: cached_store(pg, store_id), bool)
    assert stores == [{"id": store_id, "name": "Ollivanders"}]
    products = await eventually(lambda: cached_product(pg, product_id), bool)
    assert products == [{"id": product_id, "store_id": store_id, "name": "Wand", "price": 9.99}]


async def test_a_cache_miss_falls_back_to_stores_and_is_cached(app: App, pg: Database) -> None:
    client, _ = app
    store_id, product_id = await create_product(client, "Ollivanders", "Wand", 9.99)
    await wait_until_cached(pg, store_id, product_id)
    # The consumers are done with these events: only the fallback can bring the rows back.
    await fetch(pg, "DELETE FROM baskets.products_cache WHERE id = $1", product_id)
    await fetch(pg, "DELETE FROM baskets.stores_cache WHERE id = $1", store_id)
    basket_id = (await client.post("/api/baskets", json={"customerId": "c1"})).json()["id"]
    added = await client.put(
        f"/api/baskets/{basket_id}/addItem", json={"productId": product_id, "quantity": 1}
    )
    assert (added.status_code, added.json()) == (200, {})
    assert await cached_product(pg, product_id) == [
        {"id": product_id, "store_id": store_id, "name": "Wand", "price": 9.99}
    ]
    assert await cached_store(pg, store_id) == [{"id": store_id, "name": "Ollivanders"}]


async def test_a_basket_from_start_to_checkout(app: App, pg: Database) -> None:
    client, _ = app
    store_id, wand = await create_product(client, "Ollivanders", "Wand", 9.99)
    _, cape = await create_product(client, "Madam Malkin", "Cape", 5.25)
    blank = await client.post("/api/baskets", json={"customerId": ""})
    assert (blank.status_code, blank.json()["message"]) == (400, "the customer id cannot be blank")
    started = await client.post("/api/baskets", json={"customerId": "customer-id"})
    assert started.status_code == 200
    basket_id = started.json()["id"]
    base = f"/api/baskets/{basket_id}"

    for product_id, quantity in ((wand, 2), (cape, 1), (wand, 1)):
        added = await client.put(
            f"{base}/addItem", json={"productId": product_id, "quantity": quantity}
        )
        assert (added.status_code, added.json()) == (200, {})
    unknown = await client.put(f"{base}/addItem", json={"productId": "nope", "quantity": 1})
    assert unknown.status_code == 404
    assert unknown.json()["message"] == "product fallback failed: product was not located"

    got = await client.get(base)
    assert got.status_code == 200
    cape_store = (await client.get(f"/api/stores/products/{cape}")).json()["product"]["storeId"]
    assert got.json() == {
        "basket": {
            "id": basket_id,
            "items": [
                {
                    "storeId": store_id,
                    "productId": wand,
                    "storeName": "Ollivanders",
                    "productName": "Wand",
                    "productPrice": 9.99,
                    "quantity": 3,
                },
                {
                    "storeId": cape_store,
                    "productId": cape,
                    "storeName": "Madam Malkin",
                    "productName": "Cape",
                    "productPrice": 5.25,
                    "quantity": 1,
                },
            ],
        }
    }

    removed = await client.put(f"{base}/removeItem", json={"productId": cape, "quantity": 1})
    assert (removed.status_code, removed.json()) == (200, {})
    reduced = await client.put(f"{base}/removeItem", json={"productId": wand, "quantity": 1})
    assert reduced.status_code == 200
    blank_payment = await client.put(f"{base}/checkout", json={"paymentId": ""})
    assert blank_payment.status_code == 400
    assert blank_payment.json()["message"] == "baskets checkout: the payment id cannot be blank"
    checked_out = await client.put(f"{base}/checkout", json={"paymentId": "pay-1"})
    assert (checked_out.status_code, checked_out.json()) == (200, {})
    again = await client.delete(base)
    assert (again.status_code, again.json()["message"]) == (400, "the basket cannot be cancelled")
    missing = await client.get("/api/baskets/nope")
    assert missing.status_code == 404
    assert missing.json()["message"] == "basket with that ID does not exist"

    # 7 events (start, 3 adds, 2 removes, checkout): the checkout loaded the version-6 snapshot
    snapshots = await fetch(pg, "SELECT stream_version, snapshot_name FROM baskets.snapshots")
    assert snapshots == [{"stream_version": 6, "snapshot_name": "baskets.BasketV1"}]
    rows = await fetch(
        pg, "SELECT name, subject, data FROM baskets.outbox ORDER BY sent_at, position"
    )
    assert [(r["name"], r["subject"]) for r in rows] == [
        ("basketsapi.BasketStarted", "intellimall.baskets.events.Basket"),
        ("basketsapi.BasketCheckedOut", "intellimall.baskets.events.Basket"),
    ]
    assert json.loads(rows[1]["data"]) == {
        "id": basket_id,
        "customer_id": "customer-id",
        "payment_id": "pay-1",
        "items": [
            {
                "store_id": store_id,
                "product_id": wand,
                "store_name": "Ollivanders",
                "product_name": "Wand",
                "price": 9.99,
                "quantity": 2,
            }
        ],
    }


async def test_price_changes_reach_the_cache_but_not_existing_lines(app: App, pg: Database) -> None:
    client, _ = app
    store_id, product_id = await create_product(client, "Ollivanders", "Wand", 9.99)
    await wait_until_cached(pg, store_id, product_id)
    basket_id = (await client.post("/api/baskets", json={"customerId": "c1"})).json()["id"]
    item = {"productId": product_id, "quantity": 1}
    assert (await client.put(f"/api/baskets/{basket_id}/addItem", json=item)).status_code == 200
    raised = await client.put(
        f"/api/stores/products/{product_id}/increasePrice", json={"price": 12.5}
    )
    assert raised.status_code == 200
    await eventually(lambda: cached_product(pg, product_id), lambda rows: rows[0]["price"] == 12.5)
    assert (await client.put(f"/api/baskets/{basket_id}/addItem", json=item)).status_code == 200
    lines = (await client.get(f"/api/baskets/{basket_id}")).json()["basket"]["items"]
    assert [(i["productPrice"], i["quantity"]) for i in lines] == [(9.99, 2)]


async def test_business_counters_are_exported(app: App, pg: Database) -> None:
    client, _ = app
    for _ in range(2):
        assert (await client.post("/api/baskets", json={"customerId": "c1"})).status_code == 200
    assert (await client.post("/api/baskets", json={"customerId": ""})).status_code == 400
    metrics = (await client.get("/metrics")).text
    assert "baskets_started_count_total 2.0" in metrics
    assert "baskets_canceled_count_total 0.0" in metrics
