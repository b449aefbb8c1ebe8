"""The spec's bounds hold at the API: too long, too big or too many is a 400 naming the field,
with nothing written; the largest accepted values fit PostgreSQL and reach NATS."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mall_adapters.postgres.database import Database
from tests.integration.test_http_errors import assert_error
from tests.support.app import AppUnderTest
from tests.support.outbox import relayed

App = AppUnderTest
MAX_PRICE = 99999999.9999  # numeric(12,4)


async def count(db: Database, sql: str) -> int:
    async with db.transaction() as conn:
        value: int = await conn.fetchval(sql)
        return value


@pytest.fixture(autouse=True)
async def db(app: App) -> AsyncIterator[Database]:
    """The app's database; afterwards every outbox message has reached NATS."""
    database: Database = app[1].infra.db()
    yield database
    await relayed(database)


async def test_a_megabyte_store_name_is_refused_and_nothing_is_written(
    app: App, db: Database
) -> None:
    client, _ = app
    response = await client.post("/api/stores", json={"name": "n" * 1_000_000, "location": "L"})
    assert_error(
        response,
        400,
        3,
        "Validation failed for POST /api/stores: Expected `str` of length <= 200 at `$.name`",
    )
    assert await count(db, "SELECT count(*) FROM stores.events") == 0
    assert await count(db, "SELECT count(*) FROM stores.outbox") == 0


async def test_a_huge_customer_id_cannot_start_a_basket(app: App, db: Database) -> None:
    client, _ = app
    response = await client.post("/api/baskets", json={"customerId": "c" * 1_100_000})
    assert_error(
        response,
        400,
        3,
        "Validation failed for POST /api/baskets: Expected `str` of length <= 64 at `$.customerId`",
    )
    assert await count(db, "SELECT count(*) FROM baskets.events") == 0


async def test_the_largest_accepted_values_are_stored_and_published(app: App, db: Database) -> None:
    client, _ = app
    store = {"name": "n" * 200, "location": "l" * 200}
    store_id = (await client.post("/api/stores", json=store)).json()["id"]
    product = {"name": "p" * 200, "description": "d" * 1000, "sku": "s" * 64, "price": MAX_PRICE}
    added = await client.post(f"/api/stores/{store_id}/products", json=product)
    assert added.status_code == 200, added.text
    got = (await client.get(f"/api/stores/products/{added.json()['id']}")).json()["product"]
    assert {k: got[k] for k in product} == product
    await relayed(db)  # the relay is not blocked


@pytest.mark.parametrize("price", [1e8, 123456789.5, -1e8, 1e308])
async def test_prices_past_the_column_are_refused(app: App, price: float) -> None:
    client, _ = app
    store_id = (await client.post("/api/stores", json={"name": "S", "location": "L"})).json()["id"]
    response = await client.post(
        f"/api/stores/{store_id}/products", json={"name": "P", "price": price}
    )
    assert response.status_code == 400, response.text
    assert response.json()["message"].endswith(" at `$.price`")
    product_id = (
        await client.post(f"/api/stores/{store_id}/products", json={"name": "P", "price": 1})
    ).json()["id"]
    path = "increasePrice" if price > 0 else "decreasePrice"
    changed = await client.put(f"/api/stores/products/{product_id}/{path}", json={"price": price})
    assert changed.status_code == 400, changed.text
    assert changed.json()["message"].endswith(" at `$.price`")


async def test_a_negative_price_still_gets_the_reference_text(app: App) -> None:
    client, _ = app
    store_id = (await client.post("/api/stores", json={"name": "S", "location": "L"})).json()["id"]
    response = await client.post(
        f"/api/stores/{store_id}/products", json={"name": "P", "price": -1}
    )
    assert_error(response, 400, 3, "initializing product: the product price cannot be negative")


async def test_a_basket_line_holds_at_most_ten_thousand(app: App, db: Database) -> None:
    client, _ = app
    store_id = (await client.post("/api/stores", json={"name": "S", "location": "L"})).json()["id"]
    product = {"name": "P", "price": 1.5}
    product_id = (await client.post(f"/api/stores/{store_id}/products", json=product)).json()["id"]
    basket_id = (await client.post("/api/baskets", json={"customerId": "c1"})).json()["id"]
    add = f"/api/baskets/{basket_id}/addItem"
    for quantity in (2**31 - 1, 10_001):
        refused = await client.put(add, json={"productId": product_id, "quantity": quantity})
        assert_error(
            refused,
            400,
            3,
            f"Validation failed for PUT {add}: Expected `int` <= 10000 at `$.quantity`",
        )
    for _ in range(2):
        added = await client.put(add, json={"productId": product_id, "quantity": 5000})
        assert added.status_code == 200, added.text
    over = await client.put(add, json={"productId": product_id, "quantity": 1})
    assert_error(over, 400, 3, "a basket line cannot hold more than 10000 of a product")
    basket = (await client.get(f"/api/baskets/{basket_id}")).json()["basket"]
    assert [line["quantity"] for line in basket["items"]] == [10_000]
