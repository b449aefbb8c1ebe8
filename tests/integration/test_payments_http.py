"""Payments through the real app: HTTP in, the customers look-up over NATS, PostgreSQL and
the outbox behind; invoices come from ordering's events over JetStream."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest

from mall_adapters.bootstrap.containers import Root
from mall_adapters.bootstrap.settings import Settings
from mall_adapters.postgres.database import Database
from mall_adapters.reliability.envelope import Envelope
from mall_contracts.common import subjects as common_subjects
from mall_contracts.ordering import messages as ordering
from mall_contracts.ordering import subjects as ordering_subjects
from mall_contracts.payments import messages, subjects
from tests.support.app import AppUnderTest, make_settings, running_app
from tests.support.polling import eventually

App = AppUnderTest
CUSTOMER_NOT_FOUND = "customer with that ID does not exist"


@pytest.fixture
async def pg(app: App) -> AsyncIterator[Database]:
    """The app's database; afterwards waits until the relays published everything, so no
    test leaves messages in flight for the next one's stream."""
    db: Database = app[1].infra.db()
    yield db
    await eventually(lambda: unpublished(db), lambda n: n == 0)


async def unpublished(db: Database) -> int:
    count: int = await db.pool.fetchval(
        "SELECT (SELECT count(*) FROM customers.outbox WHERE published_at IS NULL)"
        " + (SELECT count(*) FROM payments.outbox WHERE published_at IS NULL)"
    )
    return count


def error(response: httpx.Response) -> tuple[int, str, int]:
    body = response.json()
    return response.status_code, body["message"], body["code"]


async def customer(client: httpx.AsyncClient) -> str:
    created = await client.post("/api/customers", json={"name": "Ann", "smsNumber": "555-0100"})
    assert created.status_code == 200, created.text
    customer_id: str = created.json()["id"]
    return customer_id


async def authorize(client: httpx.AsyncClient, customer_id: str, amount: float) -> str:
    created = await client.post("/api/payments", json={"customerId": customer_id, "amount": amount})
    assert created.status_code == 200, created.text
    payment_id: str = created.json()["id"]
    return payment_id


async def publish(root: Root, subject: str, name: str, message: msgspec.Struct, **kw: Any) -> str:
    """Publish `message` to JetStream as another module's relay would; returns its id."""
    envelope = Envelope(
        id=kw.pop("message_id", None) or str(uuid.uuid4()),
        name=name,
        subject=subject,
        data=msgspec.json.encode(message),
        occurred_at=datetime.now(UTC),
        extra_headers=kw.pop("headers", {}),
    )
    await root.infra.broker().publish(
        envelope.data, subject, headers=envelope.headers(), stream=common_subjects.STREAM
    )
    return envelope.id


async def order_readied(root: Root, order_id: str, total: float, **kw: Any) -> str:
    message = ordering.OrderReadied(
        id=order_id, customer_id="customer-1", payment_id="payment-1", total=total
    )
    return await publish(
        root, ordering_subjects.ORDER_EVENTS, ordering.ORDER_READIED, message, **kw
    )


async def invoice(client: httpx.AsyncClient, invoice_id: str) -> dict[str, Any]:
    """The invoice, once the consumers created it."""
    got = await eventually(
        lambda: client.get(f"/api/payments/invoices/{invoice_id}"), lambda r: r.status_code == 200
    )
    found: dict[str, Any] = got.json()["invoice"]
    return found


@pytest.mark.usefixtures("pg")
async def test_authorize_and_get_a_payment(app: App) -> None:
    client, _ = app
    customer_id = await customer(client)
    payment_id = await authorize(client, customer_id, 19.99999)
    got = await client.get(f"/api/payments/{payment_id}")
    assert got.status_code == 200
    assert got.json() == {"payment": {"id": payment_id, "customerId": customer_id, "amount": 20.0}}


@pytest.mark.usefixtures("pg")
async def test_authorize_refuses_bad_requests_and_unknown_customers(app: App) -> None:
    client, _ = app
    customer_id = await customer(client)

    async def post(body: dict[str, object]) -> httpx.Response:
        return await client.post("/api/payments", json=body)

    assert error(await post({"customerId": "nope", "amount": 1})) == (404, CUSTOMER_NOT_FOUND, 5)
    assert error(await post({"amount": 1})) == (400, "the customer id cannot be blank", 3)
    for amount in (0, -1, 0.00001):
        assert error(await post({"customerId": customer_id, "amount": amount})) == (
            400,
            "the payment amount must be greater than zero",
            3,
        )
    too_large = await post({"customerId": customer_id, "amount": 1e12})
    assert too_large.status_code == 400
    assert "$.amount" in too_large.json()["message"]
    count = await app[1].infra.db().pool.fetchval("SELECT count(*) FROM payments.payments")
    assert count == 0


@pytest.mark.usefixtures("pg")
async def test_a_retried_authorization_with_a_key_creates_one_payment(app: App) -> None:
    client, root = app
    body = {"customerId": await customer(client), "amount": 5}
    headers = {"Idempotency-Key": "pay-once"}
    first = await client.post("/api/payments", json=body, headers=headers)
    again = await client.post("/api/payments", json=body, headers=headers)
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    other = await client.post("/api/payments", json={**body, "amount": 6}, headers=headers)
    assert other.status_code == 422
    assert await root.infra.db().pool.fetchval("SELECT count(*) FROM payments.payments") == 1


@pytest.mark.usefixtures("pg")
async def test_unknown_ids_are_404(app: App) -> None:
    client, _ = app
    for response, message in (
        (await client.get("/api/payments/nope"), "payment with that ID does not exist"),
        (await client.get("/api/payments/invoices/nope"), "invoice with that ID does not exist"),
        (
            await client.put("/api/payments/invoices/nope/pay", json={}),
            "invoice with that ID does not exist",
        ),
    ):
        assert error(response) == (404, message, 5)


async def test_a_ready_order_is_invoiced_and_paying_publishes_invoice_paid(
    app: App, pg: Database
) -> None:
    client, root = app
    await order_readied(root, "order-1", 42.5)
    assert await invoice(client, "order-1") == {
        "id": "order-1",
        "orderId": "order-1",
        "paymentId": "payment-1",
        "amount": 42.5,
        "status": "pending",
    }
    paid = await client.put("/api/payments/invoices/order-1/pay", json={})
    assert (paid.status_code, paid.json()) == (200, {})
    assert (await invoice(client, "order-1"))["status"] == "paid"
    again = await client.put("/api/payments/invoices/order-1/pay")
    assert error(again) == (400, "invoice cannot be paid for", 3)
    rows = await eventually(
        lambda: pg.pool.fetch("SELECT name, subject, data, published_at FROM payments.outbox"),
        lambda rows: len(rows) == 1 and rows[0]["published_at"] is not None,
    )
    assert (rows[0]["name"], rows[0]["subject"]) == (messages.INVOICE_PAID, subjects.INVOICE_EVENTS)
    assert msgspec.json.decode(bytes(rows[0]["data"]), type=messages.InvoicePaid) == (
        messages.InvoicePaid(id="order-1", order_id="order-1")
    )


@pytest.fixture
def payments_only(pg_dsn: str, nats_url: str, tmp_path: Path) -> Settings:
    return make_settings(pg_dsn, nats_url, tmp_path, modules=("payments",))


async def test_customers_out_of_reach_is_503_and_nothing_is_written(
    payments_only: Settings,
) -> None:
    async with running_app(payments_only) as (client, root):
        response = await client.post("/api/payments", json={"customerId": "c1", "amount": 5})
        assert error(response)[::2] == (503, 14)
        assert await root.infra.db().pool.fetchval("SELECT count(*) FROM payments.payments") == 0
