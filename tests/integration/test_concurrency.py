"""Many requests at once through the real app: no transaction waits for the network, and
writers of one basket queue instead of colliding."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from mall_adapters.postgres.database import Database
from mall_adapters.reliability.guard import NetworkInTransactionError
from mall_contracts.common.messages import NotFound
from mall_contracts.stores import messages as stores_messages
from tests.support.app import AppUnderTest
from tests.support.polling import eventually

App = AppUnderTest
MISSES = 50


async def unpublished(db: Database) -> int:
    count: int = await db.fetchval(
        "SELECT (SELECT count(*) FROM stores.outbox WHERE published_at IS NULL)"
        " + (SELECT count(*) FROM baskets.outbox WHERE published_at IS NULL)"
    )
    return count


async def product_in_new_store(client: httpx.AsyncClient, n: int) -> str:
    store = await client.post("/api/stores", json={"name": f"Store {n}", "location": "L1"})
    product = await client.post(
        f"/api/stores/{store.json()['id']}/products", json={"name": f"P{n}", "price": 1.5}
    )
    product_id: str = product.json()["id"]
    return product_id


async def test_fifty_concurrent_cache_misses_all_succeed(app: App) -> None:
    client, root = app
    db: Database = root.infra.db()
    products = [await product_in_new_store(client, n) for n in range(MISSES)]
    baskets = [
        (await client.post("/api/baskets", json={"customerId": f"c{n}"})).json()["id"]
        for n in range(MISSES)
    ]
    cached = "SELECT count(*) FROM baskets.products_cache"
    await eventually(lambda: db.fetchval(cached), lambda n: n == MISSES)
    await db.execute("TRUNCATE baskets.products_cache, baskets.stores_cache")  # all misses now

    added = await asyncio.gather(
        *(
            client.put(f"/api/baskets/{basket}/addItem", json={"productId": product, "quantity": 1})
            for basket, product in zip(baskets, products, strict=True)
        )
    )
    assert [r.status_code for r in added] == [200] * MISSES, [r.json() for r in added]
    assert await db.fetchval(cached) == MISSES  # every one went to stores and was cached
    asked = root.infra.registry().get_sample_value(
        "stores_received_messages_count_total",
        {"message": stores_messages.GET_PRODUCT, "handled": "true"},
    )
    assert asked == MISSES
    await eventually(lambda: unpublished(db), lambda n: n == 0)


async def test_twenty_clients_adding_to_one_basket_queue_up(app: App) -> None:
    client, root = app
    product = await product_in_new_store(client, 0)
    basket = (await client.post("/api/baskets", json={"customerId": "c1"})).json()["id"]

    async def customer(quantity: int) -> list[int]:
        statuses = []
        for _ in range(10):
            response = await client.put(
                f"/api/baskets/{basket}/addItem", json={"productId": product, "quantity": quantity}
            )
            statuses.append(response.status_code)
        return statuses

    quantities = [1 + n % 3 for n in range(20)]
    outcomes = await asyncio.gather(*(customer(q) for q in quantities))
    succeeded = sum(
        q * statuses.count(200) for q, statuses in zip(quantities, outcomes, strict=True)
    )
    all_statuses = [s for statuses in outcomes for s in statuses]
    assert all_statuses.count(200) / len(all_statuses) >= 0.95, sorted(set(all_statuses))
    lines = (await client.get(f"/api/baskets/{basket}")).json()["basket"]["items"]
    assert [line["quantity"] for line in lines] == [succeeded]
    await eventually(lambda: unpublished(root.infra.db()), lambda n: n == 0)


async def test_a_request_to_another_module_inside_a_transaction_fails_loudly(app: App) -> None:
    _, root = app
    db: Database = root.infra.db()
    requests = root.baskets.container.requests()
    async with db.transaction():
        with pytest.raises(NetworkInTransactionError, match=r"storesapi\.GetProduct"):
            await requests.get_product(stores_messages.GetProduct(id="p1"))
    missing = await requests.get_product(stores_messages.GetProduct(id="p1"))  # outside: fine
    assert isinstance(missing, NotFound)
    assert missing.message == "product with that ID does not exist"
