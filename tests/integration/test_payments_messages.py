"""Payments' consumers over real NATS JetStream and PostgreSQL: ordering's events invoice
and cancel, never as poison messages, and the saga's ConfirmPayment is answered."""

from __future__ import annotations

import json
from typing import Any

import nats
import pytest

from mall_adapters.bootstrap.containers import Root
from mall_adapters.postgres.database import Database
from mall_adapters.reliability.envelope import (
    HEADER_COMMAND_ID,
    HEADER_OUTCOME,
    HEADER_REPLY_TO,
    HEADER_SAGA_ID,
    HEADER_SAGA_NAME,
)
from mall_contracts.common import messages as common
from mall_contracts.ordering import messages as ordering
from mall_contracts.ordering import subjects as ordering_subjects
from mall_contracts.payments import messages, subjects
from tests.integration.test_payments_http import (
    App,
    authorize,
    customer,
    invoice,
    order_readied,
    pg,  # noqa: F401 (a fixture)
    publish,
)
from tests.support.polling import eventually

REPLIES = "intellimall.tests.replies.CreateOrder"


async def order_canceled(root: Root, order_id: str) -> str:
    message = ordering.OrderCanceled(
        id=order_id, customer_id="customer-1", payment_id="p-1", total=10.0
    )
    return await publish(root, ordering_subjects.ORDER_EVENTS, ordering.ORDER_CANCELED, message)


async def handled(db: Database, *message_ids: str) -> None:
    """Returns once the payments inbox recorded every one of `message_ids`."""

    async def seen() -> set[str]:
        rows = await db.pool.fetch("SELECT id FROM payments.inbox")
        return {r["id"] for r in rows}

    await eventually(seen, lambda ids: set(message_ids) <= ids)


async def dead_letters(db: Database) -> list[Any]:
    return list(await db.pool.fetch("SELECT name, error FROM payments.dead_letters"))


@pytest.mark.usefixtures("pg")
async def test_a_canceled_order_cancels_its_pending_invoice(app: App) -> None:
    client, root = app
    await order_readied(root, "order-1", 10.0)
    await invoice(client, "order-1")
    await order_canceled(root, "order-1")
    await eventually(
        lambda: invoice(client, "order-1"), lambda found: found["status"] == "canceled"
    )
    paid = await client.put("/api/payments/invoices/order-1/pay", json={})
    assert (paid.status_code, paid.json()["message"]) == (400, "invoice cannot be paid for")


@pytest.mark.usefixtures("pg")
async def test_events_with_nothing_to_do_are_handled_not_retried(app: App) -> None:
    client, root = app
    db: Database = root.infra.db()
    await order_readied(root, "order-1", 10.0)
    await invoice(client, "order-1")
    assert (await client.put("/api/payments/invoices/order-1/pay")).status_code == 200
    ids = [
        await order_readied(root, "order-1", 99.0),  # invoiced already
        await order_canceled(root, "order-1"),  # paid: stays paid
        await order_canceled(root, "order-2"),  # never invoiced: recorded as canceled
        await order_readied(root, "order-2", 10.0),  # late: bills nothing
    ]
    await handled(db, *ids)
    found = await invoice(client, "order-1")
    assert (found["amount"], found["status"]) == (10.0, "paid")
    never_billed = await invoice(client, "order-2")
    assert (never_billed["amount"], never_billed["status"]) == (10.0, "canceled")
    assert await dead_letters(db) == []


async def confirm(root: Root, payment_id: str, total: float, message_id: str = "") -> str:
    headers = {HEADER_REPLY_TO: REPLIES, HEADER_SAGA_ID: "order-1", HEADER_SAGA_NAME: "cosec"}
    return await publish(
        root,
        subjects.PAYMENT_COMMANDS,
        messages.CONFIRM_PAYMENT,
        messages.ConfirmPayment(id=payment_id, amount=total),
        headers=headers,
        message_id=message_id,
    )


async def replies(db: Database) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """Replies in the payments outbox by command id: (name, outcome, body)."""
    rows = await db.pool.fetch(
        "SELECT name, metadata, data FROM payments.outbox WHERE subject = $1", REPLIES
    )
    found = {}
    for row in rows:
        headers = json.loads(row["metadata"])
        body = json.loads(bytes(row["data"]))
        found[headers[HEADER_COMMAND_ID]] = (row["name"], headers[HEADER_OUTCOME], body)
    return found


@pytest.mark.usefixtures("pg")
async def test_confirm_payment_replies_success_or_failure_once(app: App) -> None:
    client, root = app
    db: Database = root.infra.db()
    payment_id = await authorize(client, await customer(client), 30.0)
    covered = await confirm(root, payment_id, 29.5)
    too_small = await confirm(root, payment_id, 30.5)
    unknown = await confirm(root, "nope", 1.0)
    found = await eventually(lambda: replies(db), lambda r: len(r) == 3)
    failure = (common.FAILURE, "FAILURE", {"message": "payment cannot be confirmed"})
    assert found == {
        covered: (common.SUCCESS, "SUCCESS", {}),
        too_small: failure,
        unknown: failure,
    }
    # The same command delivered again (a lost ack) is not answered twice.
    await confirm(root, payment_id, 29.5, message_id=covered)
    later = await confirm(root, payment_id, 1.0)
    found = await eventually(lambda: replies(db), lambda r: len(r) == 4)
    assert found[later] == (common.SUCCESS, "SUCCESS", {})
    assert await dead_letters(db) == []


@pytest.mark.usefixtures("pg")
async def test_paid_invoice_reaches_the_stream(app: App) -> None:
    """InvoicePaid leaves through the relay onto `intellimall.payments.events.Invoice`."""
    client, root = app
    received: list[tuple[str, bytes]] = []
    nc = await nats.connect(root.settings().nats_url)
    sub = await nc.subscribe(subjects.INVOICE_EVENTS)
    try:
        await order_readied(root, "order-9", 5.0)
        await invoice(client, "order-9")
        assert (await client.put("/api/payments/invoices/order-9/pay")).status_code == 200
        message = await sub.next_msg(timeout=10)
        assert message.headers is not None
        received.append((message.headers["Intellimall-Message-Name"], message.data))
    finally:
        await nc.close()
    [(name, data)] = received
    assert name == messages.INVOICE_PAID
    assert json.loads(data) == {"id": "order-9", "order_id": "order-9"}
