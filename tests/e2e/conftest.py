"""End-to-end features against IntelliMall started as `intellimall up` starts it.

One system per test session (embedded PostgreSQL and NATS in a fresh data directory);
before every scenario every module's tables are emptied, so scenarios are independent.
Steps used by features of more than one folder live here; the others live in the
`test_<folder>.py` module that binds that folder's features. A `Then` about something the
mall does asynchronously waits for it (`tests.e2e.observe.eventually`).
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from pytest_bdd import given, parsers, then, when

from tests.e2e import observe
from tests.e2e.database import scenario_tables, truncate_scenario_tables
from tests.e2e.observe import eventually
from tests.e2e.quiet import wait_until_quiet
from tests.e2e.world import World, money, table_rows
from tests.support.mall_process import RunningMall, data_dir, mall_process


@pytest.fixture(scope="session")
def mall() -> Iterator[RunningMall]:
    with data_dir() as directory, mall_process(directory) as running:
        yield running


@pytest.fixture(scope="session")
def api(mall: RunningMall) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=mall.http, timeout=30.0) as client:
        yield client


@pytest.fixture(scope="session")
def mall_tables(mall: RunningMall) -> tuple[str, ...]:
    return scenario_tables(mall.pg_dsn)


@pytest.fixture(autouse=True)
def world(mall: RunningMall, api: httpx.Client, mall_tables: tuple[str, ...]) -> World:
    """A scenario's memory; every scenario starts on emptied tables, asked for or not, once
    the mall has finished what the scenario before started."""
    wait_until_quiet(mall.pg_dsn, mall.nats_url)
    truncate_scenario_tables(mall.pg_dsn, mall_tables)
    return World(api)


# ------------------------------------------------------------------------------ customers


@given("I am a registered customer")
def registered_customer(world: World) -> None:
    outcome = world.register_customer("RegisteredCustomer")
    assert outcome.ok, outcome.describe()


# ------------------------------------------------------------------------------ stores


@given("a store has the following items")
def store_has_items(world: World, datatable: list[list[str]]) -> None:
    created = world.create_store("AnyStore")
    assert created.ok, created.describe()
    for row in table_rows(datatable):
        added = world.add_product(row["Name"], float(row["Price"]))
        assert added.ok, added.describe()


# ------------------------------------------------------------------------------ baskets


@given("I start a new basket")
@when("I start a new basket")
def start_basket(world: World) -> None:
    world.start_basket()


@given("I add the items")
@when("I add the items")
def add_items(world: World, datatable: list[list[str]]) -> None:
    """Adds each named product; stops at the first error (kept for a later `Then`)."""
    for row in table_rows(datatable):
        if not world.add_item(row["Name"], int(row["Quantity"])).ok:
            break


@given(parsers.re(r'I check out the basket with the payment "(?P<payment_id>[^"]*)"'))
@when(parsers.re(r'I check out the basket with the payment "(?P<payment_id>[^"]*)"'))
def checkout_basket(world: World, payment_id: str) -> None:
    world.checkout(payment_id)


@given("I check out the basket with my payment")
@when("I check out the basket with my payment")
def checkout_with_my_payment(world: World) -> None:
    assert world.payment_id is not None, "no payment was authorized"
    outcome = world.checkout(world.payment_id)
    assert outcome.ok, outcome.describe()


# ------------------------------------------------------------------------------ payments


@given(parsers.re(r'I authorize a payment of "(?P<amount>[^"]*)"'), converters={"amount": money})
def authorize_payment(world: World, amount: float) -> None:
    outcome = world.authorize_payment(amount)
    assert outcome.ok, outcome.describe()


@given(parsers.re(r'my order is invoiced "(?P<amount>[^"]*)"'), converters={"amount": money})
@then(parsers.re(r'my order is invoiced "(?P<amount>[^"]*)"'), converters={"amount": money})
def order_invoiced(world: World, amount: float) -> None:
    order_id = world.my_order()
    billed = eventually(
        f"an invoice for order {order_id}",
        lambda: observe.invoice(world.api, order_id),
        lambda found: found is not None,
    )
    assert billed is not None
    assert (billed["status"], billed["amount"]) == ("pending", amount), billed


@then(parsers.re(r'my invoice is "(?P<status>[^"]*)"'))
def invoice_is(world: World, status: str) -> None:
    order_id = world.my_order()
    eventually(
        f'the invoice of order {order_id} to be "{status}"',
        lambda: observe.invoice(world.api, order_id),
        lambda found: found is not None and found["status"] == status,
    )


@given("I pay my invoice")
@when("I pay my invoice")
def pay_invoice(world: World) -> None:
    order_id = world.my_order()
    outcome = world.call("payInvoice", "PUT", f"/api/payments/invoices/{order_id}/pay", {})
    assert outcome.ok, outcome.describe()


# ------------------------------------------------------------------------------ orders


@given(parsers.re(r'my order is "(?P<status>[^"]*)"'))
@then(parsers.re(r'my order is "(?P<status>[^"]*)"'))
def order_is(world: World, status: str) -> None:
    order_id = world.my_order()
    eventually(
        f'order {order_id} to be "{status}"',
        lambda: observe.order(world.api, order_id),
        lambda found: found is not None and found["status"] == status,
    )


@then(parsers.re(r'the saga of my order is "(?P<status>[^"]*)"(?: because "(?P<error>[^"]*)")?$'))
def saga_ended(world: World, status: str, error: str | None) -> None:
    """The saga ended as `status`, with `error` as its reason (none when not given)."""
    ended = observe.ended_saga(world.api, world.my_order())
    assert (ended["status"], ended["error"]) == (status, error or ""), ended


# ------------------------------------------------------------------------------ depot


def my_shopping_list(world: World) -> str:
    """The shopping list of my (approved) order."""
    order_id = world.my_order()
    approved = observe.order(world.api, order_id)
    assert approved is not None and approved["shoppingId"], (
        f"order {order_id} has no shopping list: {approved}"
    )
    return str(approved["shoppingId"])


@then(parsers.re(r'my order\'s shopping list is "(?P<status>[^"]*)"'))
def shopping_list_is(world: World, status: str) -> None:
    """The order has one shopping list, and it is `status`."""
    order_id = world.my_order()
    eventually(
        f'the one shopping list of order {order_id} to be "{status}"',
        lambda: observe.shopping_lists(world.api, order_id),
        lambda lists: [listed["status"] for listed in lists] == [status],
    )


@given(parsers.re(r'the bot "(?P<bot_id>[^"]*)" is assigned my shopping list'))
@when(parsers.re(r'the bot "(?P<bot_id>[^"]*)" is assigned my shopping list'))
def assign_shopping_list(world: World, bot_id: str) -> None:
    shopping_id = my_shopping_list(world)
    world.succeed(
        "assignShoppingList", "PUT", f"/api/depot/shopping/{shopping_id}/assign", {"botId": bot_id}
    )


@given("the bot completes my shopping list")
@when("the bot completes my shopping list")
def complete_shopping_list(world: World) -> None:
    shopping_id = my_shopping_list(world)
    world.succeed("completeShoppingList", "PUT", f"/api/depot/shopping/{shopping_id}/complete", {})


# ------------------------------------------------------------------------------ search


@then(parsers.re(r'the search shows my order as "(?P<status>[^"]*)"'))
def search_shows_status(world: World, status: str) -> None:
    order_id = world.my_order()
    eventually(
        f'search to show order {order_id} as "{status}"',
        lambda: observe.searched_order(world.api, order_id),
        lambda shown: shown is not None and shown["status"] == status,
    )


# ------------------------------------------------------------------------------ notifications


@then("I am sent these notifications about my order, newest first")
def notifications_sent(world: World, datatable: list[list[str]]) -> None:
    assert world.customer_id is not None, "no customer to be notified"
    customer_id, order_id = world.customer_id, world.my_order()
    expected = [(order_id, row["Kind"], row["Status"]) for row in table_rows(datatable)]
    eventually(
        f"the notifications of customer {customer_id} to be {expected}",
        lambda: observe.notifications(world.api, customer_id),
        lambda sent: [(n["orderId"], n["kind"], n["status"]) for n in sent] == expected,
    )


# ------------------------------------------------------------------------------ errors


@then(parsers.re(r'I receive an? "(?P<message>[^"]*)" error'))
@then(parsers.re(r'the returned error message is "(?P<message>[^"]*)"'))
def receive_error(world: World, message: str) -> None:
    world.expect_error(message)
