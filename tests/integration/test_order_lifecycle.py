"""The whole order lifecycle through the real app (every module in one process, real
PostgreSQL and NATS): checkout → saga → approved → assign → complete → ready → invoice →
pay → completed; the compensations of the create-order saga; and an order closed while depot
was down never keeps a live shopping list."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

import pytest

from mall_adapters.bootstrap.settings import ALL_MODULES, Settings
from mall_adapters.postgres.database import Database
from mall_contracts.depot import messages as depot_messages
from mall_contracts.ordering import messages as ordering_messages
from tests.support.app import AppUnderTest, make_settings, running_app
from tests.support.mall import Mall
from tests.support.outbox import relayed
from tests.support.polling import eventually


@pytest.fixture
def settings(pg_dsn: str, nats_url: str, tmp_path: Path) -> Settings:
    return make_settings(pg_dsn, nats_url, tmp_path, saga_step_timeout_seconds=5.0)


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[AppUnderTest]:
    async with running_app(settings) as running:
        yield running


@pytest.fixture
def mall(app: AppUnderTest) -> Mall:
    return Mall(app[0])


async def test_an_order_travels_from_checkout_to_completed(mall: Mall) -> None:
    customer = await mall.customer()
    order_id = await mall.checkout(customer, amount=10.0)
    approved = await mall.order_in(order_id, "approved")
    saga = await mall.saga_done(order_id)  # its last reply may still be on the way
    assert saga["status"] == "completed"
    assert [s["command"] for s in saga["history"]] == [
        "customersapi.AuthorizeCustomer",
        "depotapi.CreateShoppingListCommand",
        "paymentsapi.ConfirmPayment",
        "depotapi.InitiateShoppingCommand",
        "ordersapi.ApproveOrder",
    ]
    shopping = approved["shoppingId"]
    listed = (await mall.ok("GET", f"/api/depot/shopping/{shopping}"))["shoppingList"]
    assert (listed["status"], listed["orderId"]) == ("available", order_id)
    await mall.ok("PUT", f"/api/depot/shopping/{shopping}/assign", {"botId": "bot-1"})
    await mall.ok("PUT", f"/api/depot/shopping/{shopping}/complete", {})
    ready = await mall.order_in(order_id, "ready")
    assert ready["invoiceId"] == order_id

    async def invoice() -> int:
        return (await mall.http.get(f"/api/payments/invoices/{order_id}")).status_code

    await eventually(invoice, lambda status: status == 200, within=30)
    billed = (await mall.ok("GET", f"/api/payments/invoices/{order_id}"))["invoice"]
    assert (billed["status"], billed["amount"]) == ("pending", 10.0)
    await mall.ok("PUT", f"/api/payments/invoices/{order_id}/pay", {})
    await mall.order_in(order_id, "completed")
    paid_again = await mall.http.put(f"/api/payments/invoices/{order_id}/pay", json={})
    assert (paid_again.status_code, paid_again.json()["message"]) == (
        400,
        "invoice cannot be paid for",
    )


async def test_a_disabled_customer_gets_the_order_rejected(mall: Mall) -> None:
    customer = await mall.customer()
    order_id = await mall.checkout(customer, amount=10.0)
    await mall.ok("PUT", f"/api/customers/{customer}/disable", {})
    # The checkout may have been authorized before the disable; a new order is not.
    second = await mall.checkout(customer, amount=10.0)
    await mall.order_in(second, "rejected")
    saga = await mall.saga_done(second)
    assert saga["status"] == "compensated"
    assert saga["error"] == "authorize customer failed: customer is not authorized"
    assert [s["command"] for s in saga["history"]][-1] == "ordersapi.RejectOrder"
    await mall.saga_done(order_id)


async def test_a_payment_too_low_cancels_the_list_and_rejects_the_order(mall: Mall) -> None:
    customer = await mall.customer()
    order_id = await mall.checkout(customer, amount=9.99)
    await mall.order_in(order_id, "rejected")
    saga = await mall.saga_done(order_id)
    assert saga["status"] == "compensated"
    commands = [(s["command"], s["outcome"]) for s in saga["history"]]
    assert commands[-3:] == [
        ("paymentsapi.ConfirmPayment", "failure"),
        ("depotapi.CancelShoppingListCommand", "success"),
        ("ordersapi.RejectOrder", "success"),
    ]
    listed = (await mall.ok("GET", f"/api/depot/shopping?orderId={order_id}"))["shoppingLists"]
    assert [s["status"] for s in listed] == ["canceled"]


async def test_cancelling_an_approved_order_cancels_its_list_and_invoice(mall: Mall) -> None:
    customer = await mall.customer()
    order_id = await mall.checkout(customer, amount=10.0)
    approved = await mall.order_in(order_id, "approved")
    await mall.ok("DELETE", f"/api/ordering/{order_id}")
    await mall.order_in(order_id, "cancelled")

    async def list_status() -> str:
        listed = await mall.ok("GET", f"/api/depot/shopping/{approved['shoppingId']}")
        return str(listed["shoppingList"]["status"])

    await eventually(list_status, lambda s: s == "canceled", within=30)

    async def invoice_status() -> str | None:
        found = await mall.http.get(f"/api/payments/invoices/{order_id}")
        return str(found.json()["invoice"]["status"]) if found.status_code == 200 else None

    # Never billed: the invoice is recorded canceled, so a late OrderReadied cannot bill it.
    await eventually(invoice_status, lambda s: s == "canceled", within=30)
    again = await mall.http.delete(f"/api/ordering/{order_id}")
    assert (again.status_code, again.json()["message"]) == (400, "the order cannot be cancelled")


async def test_a_step_with_no_reply_times_out_and_compensates(
    pg_dsn: str, nats_url: str, tmp_path: Path
) -> None:
    """Payments is not running: ConfirmPayment gets no reply, so the step times out (the
    cosec worker sweeps every 0.25 s) and the saga cancels the list and rejects the order."""
    modules = tuple(m for m in ALL_MODULES if m != "payments")
    settings = make_settings(
        pg_dsn, nats_url, tmp_path, modules=modules, saga_step_timeout_seconds=1.0
    )
    async with running_app(settings) as (client, _):
        mall = Mall(client)
        customer = await mall.customer()
        _, product = await mall.product()
        basket = (await mall.ok("POST", "/api/baskets", {"customerId": customer}))["id"]
        await mall.ok(
            "PUT", f"/api/baskets/{basket}/addItem", {"productId": product, "quantity": 1}
        )
        await mall.ok("PUT", f"/api/baskets/{basket}/checkout", {"paymentId": "never-answered"})
        await mall.order_in(basket, "rejected")
        saga = await mall.saga_done(basket)
    assert saga["status"] == "compensated"
    assert saga["error"] == "confirm payment failed: no reply within 1s"
    assert [(s["command"], s["outcome"]) for s in saga["history"]][-3:] == [
        ("paymentsapi.ConfirmPayment", "timeout"),
        ("depotapi.CancelShoppingListCommand", "success"),
        ("ordersapi.RejectOrder", "success"),
    ]


async def depot_handled(db: Database) -> set[str]:
    """The names of the messages depot's inbox recorded."""
    return {row["name"] for row in await db.fetch("SELECT name FROM depot.inbox")}


@asynccontextmanager
async def mall_of(
    settings: Settings, *, without: tuple[str, ...] = (), step_timeout: float = 30.0
) -> AsyncIterator[tuple[Mall, Database]]:
    """The app without the modules named (their messages wait in the stream), on the same
    PostgreSQL and NATS as every other run of the test."""
    modules = tuple(m for m in ALL_MODULES if m not in without)
    changed = replace(settings, modules=modules, saga_step_timeout_seconds=step_timeout)
    async with running_app(changed) as (client, root):
        yield Mall(client), root.infra.db()


async def test_a_create_executed_after_its_step_timed_out_builds_no_live_list(
    settings: Settings,
) -> None:
    """Depot is down: the create step times out and the saga rejects the order. When depot
    starts it gets the create and OrderRejected, in whichever order its consumers take them:
    the order is closed and keeps no live list."""
    async with mall_of(settings, without=("depot",), step_timeout=1.0) as (mall, _):
        order_id = await mall.checkout(await mall.customer(), amount=10.0)
        await mall.order_in(order_id, "rejected")
        saga = await mall.saga_done(order_id)
        assert saga["error"] == "create shopping list failed: no reply within 1s"
    async with mall_of(settings) as (mall, db):
        both = {ordering_messages.ORDER_REJECTED, depot_messages.CREATE_SHOPPING_LIST}
        await eventually(lambda: depot_handled(db), both.issubset, within=30)
        listed = (await mall.ok("GET", f"/api/depot/shopping?orderId={order_id}"))["shoppingLists"]
        assert {s["status"] for s in listed} <= {"canceled"}
        await relayed(db)


async def test_a_create_executed_after_its_order_was_cancelled_builds_nothing(
    settings: Settings,
) -> None:
    """The customer cancels the order while it is pending (before the saga starts); depot
    takes the OrderCanceled; the saga's create step then times out (depot down again), and the
    saga, already finished, would never undo a list. When depot gets the create at last, it
    builds nothing."""
    async with mall_of(settings, without=("depot", "cosec")) as (mall, _):
        order_id = await mall.checkout(await mall.customer(), amount=10.0)
        await mall.order_in(order_id, "pending")
        await mall.ok("DELETE", f"/api/ordering/{order_id}")
        await mall.order_in(order_id, "cancelled")
    async with mall_of(settings, without=("cosec",)) as (mall, db):
        closed = {ordering_messages.ORDER_CANCELED}
        await eventually(lambda: depot_handled(db), closed.issubset, within=30)
    async with mall_of(settings, without=("depot",), step_timeout=1.0) as (mall, _):
        saga = await mall.saga_done(order_id)
        assert saga["error"] == "create shopping list failed: no reply within 1s"
    async with mall_of(settings) as (mall, db):
        create = {depot_messages.CREATE_SHOPPING_LIST}
        await eventually(lambda: depot_handled(db), create.issubset, within=30)
        assert await mall.ok("GET", f"/api/depot/shopping?orderId={order_id}") == {
            "shoppingLists": []
        }
        assert (await mall.order(order_id))["status"] == "cancelled"
        await relayed(db)
