"""What ordering receives over real NATS JetStream: checkouts from baskets, the saga's
commands (replied to through the outbox), shopping lists completed and invoices paid. The
senders other than baskets are played by the test, publishing envelopes as their relays
would."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import msgspec
import nats
import pytest
from nats.aio.client import Client

from mall_adapters.postgres.database import Database
from mall_adapters.reliability.envelope import (
    HEADER_COMMAND_ID,
    HEADER_OUTCOME,
    HEADER_REPLY_TO,
    HEADER_SAGA_ID,
    HEADER_SAGA_NAME,
    Envelope,
)
from mall_contracts.common import subjects as common_subjects
from mall_contracts.cosec.subjects import CREATE_ORDER_REPLIES
from mall_contracts.depot import messages as depot
from mall_contracts.depot import subjects as depot_subjects
from mall_contracts.ordering import messages as ordering
from mall_contracts.ordering import subjects as ordering_subjects
from mall_contracts.payments import messages as payments
from mall_contracts.payments import subjects as payments_subjects
from tests.integration.test_ordering_http import create, pg, settings, unpublished
from tests.support.app import AppUnderTest
from tests.support.polling import eventually

App = AppUnderTest
__all__ = ["pg", "settings"]  # the fixtures shared with the HTTP tests


class Sender:
    """Publishes envelopes to the stream as another module's outbox relay would."""

    def __init__(self, nc: Client) -> None:
        self._js = nc.jetstream()

    async def send(
        self, subject: str, name: str, message: msgspec.Struct, **headers: str
    ) -> Envelope:
        envelope = Envelope(
            id=str(uuid.uuid4()),
            name=name,
            subject=subject,
            data=msgspec.json.encode(message),
            occurred_at=datetime.now(UTC),
            extra_headers=headers,
        )
        await self._js.publish(
            subject, envelope.data, headers=envelope.headers(), stream=common_subjects.STREAM
        )
        return envelope

    async def command(self, name: str, message: msgspec.Struct) -> Envelope:
        return await self.send(
            ordering_subjects.ORDER_COMMANDS,
            name,
            message,
            **{
                HEADER_REPLY_TO: CREATE_ORDER_REPLIES,
                HEADER_SAGA_ID: "saga-1",
                HEADER_SAGA_NAME: "cosec.CreateOrder",
            },
        )


@pytest.fixture
async def sender(app: App, nats_url: str) -> AsyncIterator[Sender]:
    nc = await nats.connect(nats_url)
    yield Sender(nc)
    await nc.close()


async def order(client: httpx.AsyncClient, order_id: str) -> dict[str, Any]:
    response = await client.get(f"/api/ordering/{order_id}")
    return response.json().get("order", {}) if response.status_code == 200 else {}


async def in_status(client: httpx.AsyncClient, order_id: str, status: str) -> dict[str, Any]:
    return await eventually(lambda: order(client, order_id), lambda o: o.get("status") == status)


async def outbox(pg: Database) -> list[dict[str, Any]]:
    rows = await pg.fetch(
        "SELECT name, subject, metadata, data FROM ordering.outbox ORDER BY sent_at, position"
    )
    return [
        {
            "name": r["name"],
            "subject": r["subject"],
            "headers": json.loads(r["metadata"]),
            "data": json.loads(bytes(r["data"])),
        }
        for r in rows
    ]


async def reply_to(pg: Database, command: Envelope) -> dict[str, Any]:
    """The reply ordering wrote for `command` (waits for it)."""

    async def replies() -> list[dict[str, Any]]:
        return [r for r in await outbox(pg) if r["headers"].get(HEADER_COMMAND_ID) == command.id]

    found = await eventually(replies, bool)
    assert len(found) == 1
    assert found[0]["subject"] == CREATE_ORDER_REPLIES
    assert found[0]["headers"][HEADER_SAGA_ID] == "saga-1"
    return found[0]


async def test_a_checked_out_basket_becomes_an_order_once(
    app: App, pg: Database, sender: Sender
) -> None:
    client, _ = app
    store = (await client.post("/api/stores", json={"name": "Ollivanders", "location": "L"})).json()
    product = await client.post(
        f"/api/stores/{store['id']}/products", json={"name": "Wand", "price": 9.5}
    )
    basket_id = (await client.post("/api/baskets", json={"customerId": "c1"})).json()["id"]
    body = {"productId": product.json()["id"], "quantity": 3}
    assert (await client.put(f"/api/baskets/{basket_id}/addItem", json=body)).status_code == 200
    checkout = await client.put(f"/api/baskets/{basket_id}/checkout", json={"paymentId": "pay-1"})
    assert checkout.status_code == 200

    created = await in_status(client, basket_id, "pending")
    assert (created["customerId"], created["paymentId"]) == ("c1", "pay-1")
    assert created["items"] == [
        {
            "storeId": store["id"],
            "productId": product.json()["id"],
            "storeName": "Ollivanders",
            "productName": "Wand",
            "price": 9.5,
            "quantity": 3,
        }
    ]
    # The same checkout again under another message id (a replay): handled, changes nothing.
    [row] = await pg.fetch(
        "SELECT name, subject, data FROM baskets.outbox WHERE name = $1",
        "basketsapi.BasketCheckedOut",
    )
    again = await sender.send(row["subject"], row["name"], msgspec.json.decode(bytes(row["data"])))
    await eventually(
        lambda: pg.fetchval("SELECT count(*) FROM ordering.inbox WHERE id = $1", again.id),
        lambda n: n == 1,
    )
    assert [r["name"] for r in await outbox(pg)] == [ordering.ORDER_CREATED]
    assert await pg.fetchval("SELECT count(*) FROM ordering.dead_letters") == 0


async def test_the_saga_commands_are_answered(app: App, pg: Database, sender: Sender) -> None:
    client, _ = app
    order_id = (await create(client)).json()["id"]
    approve = await sender.command(
        ordering.APPROVE_ORDER, ordering.ApproveOrder(id=order_id, shopping_id="list-1")
    )
    success = await reply_to(pg, approve)
    assert (success["name"], success["headers"][HEADER_OUTCOME]) == ("am.Success", "SUCCESS")
    approved = await order(client, order_id)
    assert (approved["status"], approved["shoppingId"]) == ("approved", "list-1")

    reject = await sender.command(ordering.REJECT_ORDER, ordering.RejectOrder(id=order_id))
    failure = await reply_to(pg, reject)
    assert (failure["name"], failure["headers"][HEADER_OUTCOME]) == ("am.Failure", "FAILURE")
    assert failure["data"] == {"message": "the order cannot be rejected"}

    unknown = await sender.command(ordering.REJECT_ORDER, ordering.RejectOrder(id="nope"))
    assert (await reply_to(pg, unknown))["data"] == {"message": "order with that ID does not exist"}
    assert (await order(client, order_id))["status"] == "approved"
    events = [r for r in await outbox(pg) if r["subject"] == ordering_subjects.ORDER_EVENTS]
    assert [r["name"] for r in events] == [ordering.ORDER_CREATED, ordering.ORDER_APPROVED]


async def test_shopping_done_and_invoice_paid_complete_the_order(
    app: App, pg: Database, sender: Sender
) -> None:
    client, _ = app
    order_id = (await create(client)).json()["id"]
    await sender.command(
        ordering.APPROVE_ORDER, ordering.ApproveOrder(id=order_id, shopping_id="list-1")
    )
    await in_status(client, order_id, "approved")
    # Progress that cannot apply is handled and dropped, never parked.
    stray = await sender.send(
        depot_subjects.SHOPPING_LIST_EVENTS,
        depot.SHOPPING_LIST_COMPLETED,
        depot.ShoppingListCompleted(id="list-9", order_id="unknown-order"),
    )
    await sender.send(
        depot_subjects.SHOPPING_LIST_EVENTS,
        depot.SHOPPING_LIST_COMPLETED,
        depot.ShoppingListCompleted(id="list-1", order_id=order_id),
    )
    ready = await in_status(client, order_id, "ready")
    assert ready["invoiceId"] == order_id
    await sender.send(
        payments_subjects.INVOICE_EVENTS,
        payments.INVOICE_PAID,
        payments.InvoicePaid(id=order_id, order_id=order_id),
    )
    completed = await in_status(client, order_id, "completed")
    assert (completed["shoppingId"], completed["invoiceId"]) == ("list-1", order_id)
    events = [r for r in await outbox(pg) if r["subject"] == ordering_subjects.ORDER_EVENTS]
    assert [(r["name"], r["data"]) for r in events[2:]] == [
        (
            ordering.ORDER_READIED,
            {"id": order_id, "customer_id": "c1", "payment_id": "pay-1", "total": 19.98},
        ),
        (
            ordering.ORDER_COMPLETED,
            {"id": order_id, "customer_id": "c1", "invoice_id": order_id},
        ),
    ]
    await eventually(  # handled (its inbox row commits only on success), not retried
        lambda: pg.fetchval("SELECT count(*) FROM ordering.inbox WHERE id = $1", stray.id),
        lambda n: n == 1,
    )
    assert await pg.fetchval("SELECT count(*) FROM ordering.dead_letters") == 0
    await eventually(lambda: unpublished(pg), lambda n: n == 0)
