"""Dead letters through the Operations API of the running app: listed, replayed, kept on failure."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from mall_adapters.reliability.envelope import Envelope
from tests.support.app import AppUnderTest, kit

App = AppUnderTest


def product_added(body: bytes) -> Envelope:
    return Envelope(
        id=str(uuid.uuid4()),
        name="storesapi.ProductAdded",
        subject="intellimall.stores.events.Product",
        data=body,
        occurred_at=datetime.now(UTC),
    )


async def test_a_parked_message_is_listed_and_replayed_once(app: App) -> None:
    client, root = app
    letter = product_added(
        b'{"id":"p1","store_id":"s1","name":"Wand","description":"","sku":"","price":9.5,"version":1}'
    )
    await (
        kit(root.baskets)
        .dead_letters()
        .park("baskets-products", letter, "RuntimeError: db down", 5)
    )

    listed = (await client.get("/admin/dead-letters")).json()["deadLetters"]
    assert [(d["module"], d["consumer"], d["id"], d["deliveries"]) for d in listed] == [
        ("baskets", "baskets-products", letter.id, 5)
    ]
    assert listed[0]["error"] == "RuntimeError: db down"

    replayed = await client.post(f"/admin/dead-letters/baskets/baskets-products/{letter.id}/replay")
    assert replayed.status_code == 200
    price = await root.infra.db().pool.fetchval(
        "SELECT price::float8 FROM baskets.products_cache WHERE id = 'p1'"
    )
    assert price == 9.5
    assert (await client.get("/admin/dead-letters")).json() == {"deadLetters": []}


async def test_a_replay_that_fails_again_keeps_the_letter(app: App) -> None:
    client, root = app
    letter = product_added(b'{"id": 42}')
    await kit(root.baskets).dead_letters().park("baskets-products", letter, "ValidationError", 5)
    replayed = await client.post(f"/admin/dead-letters/baskets/baskets-products/{letter.id}/replay")
    assert replayed.status_code == 503
    assert replayed.json()["message"].startswith("the replay failed again: ValidationError")
    assert len((await client.get("/admin/dead-letters")).json()["deadLetters"]) == 1


async def test_replaying_an_unknown_letter_is_not_found(app: App) -> None:
    client, _ = app
    missing = await client.post("/admin/dead-letters/baskets/baskets-products/nope/replay")
    assert missing.status_code == 404
    assert missing.json()["code"] == 5
