"""`Idempotency-Key` on every create: a retry gets the first response, never a second effect."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import httpx
import pytest

from mall_adapters.postgres.database import Database
from tests.support.app import AppUnderTest

App = AppUnderTest
Create = Callable[[httpx.AsyncClient, dict[str, str]], Awaitable[httpx.Response]]
KEY = {"Idempotency-Key": "5f0c2a4e-create-1"}


async def create_store(client: httpx.AsyncClient, headers: dict[str, str]) -> httpx.Response:
    return await client.post(
        "/api/stores", json={"name": "Ollivanders", "location": "L1"}, headers=headers
    )


async def add_product(client: httpx.AsyncClient, headers: dict[str, str]) -> httpx.Response:
    stores = (await client.get("/api/stores")).json()["stores"]
    store_id = stores[0]["id"] if stores else (await create_store(client, {})).json()["id"]
    return await client.post(
        f"/api/stores/{store_id}/products", json={"name": "Wand", "price": 9.5}, headers=headers
    )


async def register_customer(client: httpx.AsyncClient, headers: dict[str, str]) -> httpx.Response:
    body = {"name": "Ann", "smsNumber": "555-0100"}
    return await client.post("/api/customers", json=body, headers=headers)


async def start_basket(client: httpx.AsyncClient, headers: dict[str, str]) -> httpx.Response:
    return await client.post("/api/baskets", json={"customerId": "c1"}, headers=headers)


CREATES: dict[str, tuple[Create, str]] = {
    "store": (create_store, "stores.events WHERE stream_name = 'stores.Store'"),
    "product": (add_product, "stores.events WHERE stream_name = 'stores.Product'"),
    "customer": (register_customer, "customers.customers"),
    "basket": (start_basket, "baskets.events"),
}


async def count(db: Database, table: str) -> int:
    found: int = await db.fetchval(f"SELECT count(*) FROM {table}")
    return found


@pytest.mark.parametrize("kind", CREATES)
async def test_a_repeated_create_returns_the_first_response(app: App, kind: str) -> None:
    client, root = app
    create, rows = CREATES[kind]
    first = await create(client, KEY)
    again = await create(client, KEY)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content  # the same id, byte for byte
    assert "idempotent-replayed" not in first.headers
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["content-type"].startswith("application/json")
    assert await count(root.infra.db(), rows) == 1
    other = await create(client, {"Idempotency-Key": "another-key"})
    assert other.json()["id"] != first.json()["id"]
    assert await count(root.infra.db(), rows) == 2


async def test_the_same_key_for_another_request_is_refused(app: App) -> None:
    """Keys are the module's (each module keeps its own): within it, another body or another
    create with a used key is refused; another module's create is not its business."""
    client, root = app
    await create_store(client, KEY)
    other_body = await client.post(
        "/api/stores", json={"name": "Other", "location": "L1"}, headers=KEY
    )
    other_operation = await add_product(client, KEY)
    for refused in (other_body, other_operation):
        assert refused.status_code == 422
        assert refused.json()["code"] == 9
        assert "Idempotency-Key '5f0c2a4e-create-1' was already used" in refused.json()["message"]
    assert await count(root.infra.db(), "stores.events") == 1
    assert (await start_basket(client, KEY)).status_code == 200


async def test_concurrent_requests_with_one_key_create_once(app: App) -> None:
    client, root = app
    responses = await asyncio.gather(*(create_store(client, KEY) for _ in range(10)))
    assert {r.status_code for r in responses} == {200}
    assert len({r.json()["id"] for r in responses}) == 1
    assert await count(root.infra.db(), "stores.events") == 1
    assert await count(root.infra.db(), "stores.outbox") == 1


async def test_an_error_is_not_kept_so_the_corrected_request_runs(app: App) -> None:
    client, root = app
    blank = await client.post("/api/stores", json={"name": "", "location": "L1"}, headers=KEY)
    assert blank.status_code == 400
    fixed = await create_store(client, KEY)
    assert fixed.status_code == 200
    assert await count(root.infra.db(), "stores.idempotency") == 1


async def test_an_expired_key_creates_again(app: App) -> None:
    client, root = app
    db: Database = root.infra.db()
    first = await create_store(client, KEY)
    await db.execute("UPDATE stores.idempotency SET created_at = now() - interval '25 hours'")
    later = await create_store(client, KEY)
    assert later.status_code == 200
    assert later.json()["id"] != first.json()["id"]
    assert "idempotent-replayed" not in later.headers


@pytest.mark.parametrize("key", ["", "k" * 256])
async def test_a_key_out_of_bounds_is_a_bad_request(app: App, key: str) -> None:
    client, root = app
    refused = await create_store(client, {"Idempotency-Key": key})
    assert refused.status_code == 400
    assert "Idempotency-Key" in refused.json()["message"]
    assert await count(root.infra.db(), "stores.events") == 0
