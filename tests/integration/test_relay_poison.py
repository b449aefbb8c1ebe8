"""A message the broker can never take is parked, and never blocks the ones behind it."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime

import msgspec
import pytest

from mall_adapters.postgres.database import Database
from mall_adapters.reliability.envelope import Envelope
from mall_adapters.reliability.ports import RELAY
from mall_contracts.stores import messages, subjects
from tests.support.app import AppUnderTest, kit
from tests.support.polling import eventually

App = AppUnderTest


def store_created(name: str) -> Envelope:
    body = messages.StoreCreated(id=str(uuid.uuid4()), name=name, location="L1", version=1)
    return Envelope(
        id=str(uuid.uuid4()),
        name=messages.STORE_CREATED,
        subject=subjects.STORE_EVENTS,
        data=msgspec.json.encode(body),
        occurred_at=datetime.now(UTC),
    )


async def unpublished(db: Database) -> int:
    count: int = await db.fetchval("SELECT count(*) FROM stores.outbox WHERE published_at IS NULL")
    return count


async def test_an_unpublishable_message_is_parked_and_the_rest_go_on(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    client, root = app
    db: Database = root.infra.db()
    poison = store_created("x" * 2_000_000)  # over NATS's 1 MB max payload
    await root.infra.uow().run(lambda: kit(root.stores).outbox().add(poison))
    created = await client.post("/api/stores", json={"name": "After", "location": "L2"})
    store_id = created.json()["id"]

    cached = "SELECT name FROM baskets.stores_cache WHERE id = $1"
    assert await eventually(lambda: db.fetchval(cached, store_id), bool) == "After"
    await eventually(lambda: unpublished(db), lambda n: n == 0)

    listed = (await client.get("/admin/dead-letters")).json()["deadLetters"]
    assert [(d["module"], d["consumer"], d["id"]) for d in listed] == [("stores", RELAY, poison.id)]
    assert listed[0]["error"].startswith("MaxPayloadError")
    parked = root.infra.registry().get_sample_value(
        "stores_outbox_parked_messages_count_total", {"message": messages.STORE_CREATED}
    )
    assert parked == 1.0
    assert any(r.levelno == logging.ERROR and poison.id in r.getMessage() for r in caplog.records)
    assert await db.fetchval("SELECT count(*) FROM stores.outbox WHERE id = $1", poison.id) == 0


async def test_a_parked_outbox_message_is_replayed_through_the_operations_api(app: App) -> None:
    client, root = app
    db: Database = root.infra.db()
    letter = store_created("Parked")  # e.g. parked while the broker's limit was lower
    await kit(root.stores).dead_letters().park(RELAY, letter, "MaxPayloadError: too big", 1)

    replayed = await client.post(f"/admin/dead-letters/stores/{RELAY}/{letter.id}/replay")
    assert replayed.status_code == 200, replayed.json()
    cached = "SELECT name FROM baskets.stores_cache WHERE name = 'Parked'"
    assert await eventually(lambda: db.fetchval(cached), bool) == "Parked"
    assert (await client.get("/admin/dead-letters")).json() == {"deadLetters": []}
    await eventually(lambda: unpublished(db), lambda n: n == 0)
