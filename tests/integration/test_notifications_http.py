"""Notifications through the real app, over real PostgreSQL and NATS: customers' events fill
its cache, order events (published as ordering would) become SMS handed to a real HTTP
gateway, and `GET /api/notifications` shows them."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import msgspec
import nats
import pytest

from mall_adapters.reliability.envelope import Envelope
from mall_contracts.common import subjects
from mall_contracts.ordering import messages as orders
from mall_contracts.ordering import subjects as ordering_subjects
from tests.support.app import AppUnderTest, make_settings, running_app
from tests.support.polling import eventually
from tests.support.sms_gateway import SmsGateway, sms_gateway

App = AppUnderTest


@pytest.fixture
async def gateway() -> AsyncIterator[SmsGateway]:
    async with sms_gateway() as running:
        yield running


@pytest.fixture
async def app(
    pg_dsn: str, nats_url: str, tmp_path: Path, gateway: SmsGateway
) -> AsyncIterator[App]:
    settings = make_settings(pg_dsn, nats_url, tmp_path, sms_webhook=gateway.url)
    async with running_app(settings) as running:
        yield running


async def publish(url: str, name: str, message: msgspec.Struct, message_id: str = "") -> str:
    """Publish an order event as the ordering module's relay would; returns its id."""
    envelope = Envelope(
        id=message_id or str(uuid.uuid4()),
        name=name,
        subject=ordering_subjects.ORDER_EVENTS,
        data=msgspec.json.encode(message),
        occurred_at=datetime.now(UTC),
    )
    nc = await nats.connect(url)
    try:
        await nc.jetstream().publish(
            envelope.subject, envelope.data, headers=envelope.headers(), stream=subjects.STREAM
        )
    finally:
        await nc.close()
    return envelope.id


def created(order_id: str, customer_id: str) -> orders.OrderCreated:
    return orders.OrderCreated(id=order_id, customer_id=customer_id, payment_id="p1", items=[])


def readied(order_id: str, customer_id: str) -> orders.OrderReadied:
    return orders.OrderReadied(id=order_id, customer_id=customer_id, payment_id="p1", total=9.99)


async def register(client: httpx.AsyncClient, name: str, sms: str) -> str:
    answer = await client.post("/api/customers", json={"name": name, "smsNumber": sms})
    assert answer.status_code == 200, answer.text
    customer_id: str = answer.json()["id"]
    return customer_id


async def cached(app: App, customer_id: str, sms: str) -> None:
    """Wait until the customers events brought `customer_id` with `sms` into the cache."""
    pool = app[1].infra.db().pool
    await eventually(
        lambda: pool.fetchval(
            "SELECT sms_number FROM notifications.customers_cache WHERE id = $1", customer_id
        ),
        lambda found: found == sms,
    )


async def listed(client: httpx.AsyncClient, customer_id: str) -> list[dict[str, Any]]:
    answer = await client.get("/api/notifications", params={"customerId": customer_id})
    assert answer.status_code == 200, answer.text
    notifications: list[dict[str, Any]] = answer.json()["notifications"]
    return notifications


async def sent(client: httpx.AsyncClient, customer_id: str, count: int) -> list[dict[str, Any]]:
    """The customer's notifications, once `count` of them were sent."""
    return await eventually(
        lambda: listed(client, customer_id),
        lambda found: [n["status"] for n in found] == ["sent"] * count,
    )


async def test_order_events_become_sms_once_each(
    app: App, gateway: SmsGateway, nats_url: str
) -> None:
    client, root = app
    ann = await register(client, "Ann", "555-0100")
    await cached(app, ann, "555-0100")
    await publish(nats_url, orders.ORDER_CREATED, created("o1", ann))
    await publish(nats_url, orders.ORDER_READIED, readied("o1", ann))
    ready, first = await sent(client, ann, 2)
    assert ready == {
        "id": ready["id"],
        "orderId": "o1",
        "customerId": ann,
        "smsNumber": "555-0100",
        "kind": "order_ready",
        "text": "Hi Ann, your order o1 is ready for pickup.",
        "status": "sent",
        "sentAt": ready["sentAt"],
        "error": "",
    }
    assert datetime.fromisoformat(ready["sentAt"]) >= datetime.fromisoformat(first["sentAt"])
    assert first["kind"] == "order_created"
    assert [(r.body["orderId"], r.body["kind"], r.body["to"]) for r in gateway.received] == [
        ("o1", "order_created", "555-0100"),
        ("o1", "order_ready", "555-0100"),
    ]
    # The same event again, as a new message: handled, but nothing new recorded or sent.
    repeat = await publish(nats_url, orders.ORDER_READIED, readied("o1", ann))
    pool = root.infra.db().pool
    await eventually(
        lambda: pool.fetchval("SELECT count(*) FROM notifications.inbox WHERE id = $1", repeat),
        lambda count: count == 1,
    )
    assert len(await listed(client, ann)) == 2
    assert len(gateway.received) == 2


async def test_a_customer_missing_from_the_cache_is_asked_of_customers(
    app: App, gateway: SmsGateway, nats_url: str
) -> None:
    client, root = app
    bob = await register(client, "Bob", "555-0142")
    await cached(app, bob, "555-0142")
    pool = root.infra.db().pool
    await pool.execute("DELETE FROM notifications.customers_cache WHERE id = $1", bob)
    await publish(nats_url, orders.ORDER_CREATED, created("o2", bob))
    [notification] = await sent(client, bob, 1)
    assert notification["smsNumber"] == "555-0142"
    assert notification["text"].startswith("Hi Bob, we received your order o2.")
    await cached(app, bob, "555-0142")  # the fallback's answer was cached


async def test_a_changed_sms_number_is_used(app: App, gateway: SmsGateway, nats_url: str) -> None:
    client, _ = app
    ann = await register(client, "Ann", "555-0100")
    await cached(app, ann, "555-0100")
    changed = await client.put(f"/api/customers/{ann}/change-sms", json={"smsNumber": "555-0199"})
    assert changed.status_code == 200
    await cached(app, ann, "555-0199")
    await publish(nats_url, orders.ORDER_READIED, readied("o3", ann))
    [notification] = await sent(client, ann, 1)
    assert notification["smsNumber"] == "555-0199"
    assert [r.body["to"] for r in gateway.received] == ["555-0199"]


async def test_a_refusing_gateway_is_retried_until_it_accepts(
    app: App, gateway: SmsGateway, nats_url: str
) -> None:
    client, _ = app
    ann = await register(client, "Ann", "555-0100")
    await cached(app, ann, "555-0100")
    gateway.status, gateway.reply = 503, "busy"
    await publish(nats_url, orders.ORDER_CREATED, created("o4", ann))
    [waiting] = await eventually(
        lambda: listed(client, ann), lambda found: bool(found and found[0]["error"])
    )
    assert (waiting["status"], waiting["sentAt"]) == ("pending", "")
    assert waiting["error"] == "SmsError: the SMS webhook answered 503: busy"
    gateway.status = 200
    [delivered] = await sent(client, ann, 1)
    assert delivered["error"] == "SmsError: the SMS webhook answered 503: busy"  # the last one
    assert len(gateway.received) >= 2


async def test_the_customer_id_is_required_and_bounded(app: App) -> None:
    client, _ = app
    missing = await client.get("/api/notifications")
    assert missing.status_code == 400
    assert missing.json()["code"] == 3
    assert missing.json()["message"].startswith("Missing required query parameter 'customerId'")
    blank = await client.get("/api/notifications", params={"customerId": " "})
    assert blank.status_code == 400
    assert (blank.json()["message"], blank.json()["code"]) == (
        "the customer id cannot be blank",
        3,
    )
    too_long = await client.get("/api/notifications", params={"customerId": "c" * 65})
    assert too_long.status_code == 400
    assert too_long.json()["message"].endswith(
        "Expected `str` of length <= 64 in query `customerId`"
    )
    nobody = await client.get("/api/notifications", params={"customerId": "nobody"})
    assert (nobody.status_code, nobody.json()) == (200, {"notifications": []})
    nul = await client.get("/api/notifications", params={"customerId": "c\x00"})
    assert nul.status_code == 400  # the input guard refuses NUL in a query value
