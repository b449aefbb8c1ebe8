"""Store Management through the real app: HTTP in, PostgreSQL and the outbox behind."""

from __future__ import annotations

from tests.support.app import AppUnderTest

App = AppUnderTest


async def test_create_and_read_a_store(app: App) -> None:
    client, _ = app
    created = await client.post("/api/stores", json={"name": "Waldorf Books", "location": "L1"})
    assert created.status_code == 200
    store_id = created.json()["id"]
    got = await client.get(f"/api/stores/{store_id}")
    assert got.json() == {
        "store": {"id": store_id, "name": "Waldorf Books", "location": "L1", "participating": False}
    }
