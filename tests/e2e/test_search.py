"""Features of search/: finding orders by each filter the search read model offers, and
reading many orders a page at a time (following `next` to the end, none twice, none
missed)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.e2e import observe
from tests.e2e.observe import eventually
from tests.e2e.world import World, money, table_rows

scenarios("search")

GENEROUS_PAYMENT = 1000.0  # covers any order of these features
SETTLED = ("Approved", "Rejected")  # where search shows an order once its saga has ended


@dataclass
class Searching:
    """What the search steps of one scenario remember."""

    placed: list[tuple[str, str]] = field(default_factory=list)  # (customer, order id), in turn
    noted_time: str | None = None
    pages: list[list[str]] = field(default_factory=list)  # the order ids of each page read


@pytest.fixture
def searching() -> Searching:
    return Searching()


def lines(text: str) -> list[tuple[str, int]]:
    """`2 Crystal ball, 1 Spell book` as (product name, quantity) pairs."""
    found = []
    for line in text.split(","):
        quantity, _, name = line.strip().partition(" ")
        found.append((name, int(quantity)))
    return found


def settled_in_search(world: World, order_id: str) -> None:
    """Wait until search shows the order as its saga left it."""
    eventually(
        f"search to show order {order_id} as one of {SETTLED}",
        lambda: observe.searched_order(world.api, order_id),
        lambda shown: shown is not None and shown["status"] in SETTLED,
    )


# ------------------------------------------------------------------------------ given


@given("these stores have the following items")
def stores_have_items(world: World, datatable: list[list[str]]) -> None:
    for row in table_rows(datatable):
        if row["Store"] not in world.stores:
            created = world.create_store(row["Store"])
            assert created.ok, created.describe()
        world.store_id = world.stores[row["Store"]]
        added = world.add_product(row["Name"], float(row["Price"]))
        assert added.ok, added.describe()


@given("these customers are registered")
def customers_registered(world: World, datatable: list[list[str]]) -> None:
    for row in table_rows(datatable):
        outcome = world.register_customer(row["Name"])
        assert outcome.ok, outcome.describe()


@given("these orders were placed")
def orders_placed(world: World, searching: Searching, datatable: list[list[str]]) -> None:
    """Each row's customer checks out a basket of its items with a payment of its amount;
    the step ends once search shows every order as its saga left it."""
    rows = table_rows(datatable)
    for row in rows:
        order_id = world.place_order(row["Customer"], lines(row["Items"]), money(row["Payment"]))
        world.orders[row["Order"]] = order_id
        searching.placed.append((row["Customer"], order_id))
    for row in rows:
        settled_in_search(world, world.orders[row["Order"]])


@given(
    parsers.re(
        r'"(?P<customer>[^"]*)" placed (?P<count>\d+) orders? of "(?P<items>[^"]*)",'
        r" one after the other"
    ),
    converters={"count": int},
)
def orders_placed_in_turn(
    world: World, searching: Searching, customer: str, count: int, items: str
) -> None:
    """Each order is placed once search shows the one before, so newest first is the
    reverse of this order."""
    for _ in range(count):
        order_id = world.place_order(customer, lines(items), GENEROUS_PAYMENT)
        searching.placed.append((customer, order_id))
        settled_in_search(world, order_id)


@given("I note the time")
def note_the_time(searching: Searching) -> None:
    """Every order placed so far was recorded before this time; every later one is after."""
    searching.noted_time = datetime.now(UTC).isoformat()


# ------------------------------------------------------------------------------ when


CRITERIA: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r'of the customer "(?P<a>[^"]*)"'), "customer"),
    (re.compile(r'from the store "(?P<a>[^"]*)"'), "store"),
    (re.compile(r'with the product "(?P<a>[^"]*)"'), "product"),
    (re.compile(r'with the status "(?P<a>[^"]*)"'), "status"),
    (re.compile(r'with a total between "(?P<a>[^"]*)" and "(?P<b>[^"]*)"'), "between"),
    (re.compile(r'with a total of at least "(?P<a>[^"]*)"'), "at least"),
    (re.compile(r'with a total of at most "(?P<a>[^"]*)"'), "at most"),
    (re.compile(r"recorded before the noted time"), "before"),
    (re.compile(r"recorded after the noted time"), "after"),
]


def filters_of(criteria: str, world: World, searching: Searching) -> dict[str, Any]:
    """The search filters the words of a step stand for (clauses joined by `and`)."""
    filters: dict[str, Any] = {}
    rest = criteria.strip()
    while rest:
        for pattern, kind in CRITERIA:
            if matched := pattern.match(rest):
                filters.update(filter_of(kind, matched, world, searching))
                rest = rest[matched.end() :].strip().removeprefix("and ").lstrip()
                break
        else:
            raise AssertionError(f'no search criterion reads "{rest}" (in "{criteria}")')
    return filters


def filter_of(
    kind: str, matched: re.Match[str], world: World, searching: Searching
) -> dict[str, Any]:
    values = matched.groupdict()
    if kind in ("before", "after"):
        assert searching.noted_time is not None, "no time was noted"
        return {kind: searching.noted_time}
    value = values["a"]
    match kind:
        case "customer":
            return {"customerId": world.customers[value]}
        case "store":
            return {"storeIds": [world.stores[value]]}
        case "product":
            return {"productIds": [world.products[value]]}
        case "status":
            return {"status": value}
        case "between":
            return {"minTotal": money(value), "maxTotal": money(values["b"])}
        case "at least":
            return {"minTotal": money(value)}
        case "at most":
            return {"maxTotal": money(value)}
    raise AssertionError(f"unknown criterion {kind}")


@when(parsers.re(r"I search for the orders (?P<criteria>.+)"))
def search_orders(world: World, searching: Searching, criteria: str) -> None:
    searching.pages = observe.search_all(world.api, filters_of(criteria, world, searching))


@when(
    parsers.re(r'I read the orders of the customer "(?P<customer>[^"]*)" (?P<limit>\d+) at a time'),
    converters={"limit": int},
)
def read_in_pages(world: World, searching: Searching, customer: str, limit: int) -> None:
    filters = {"customerId": world.customers[customer]}
    searching.pages = observe.search_all(world.api, filters, limit=limit)


# ------------------------------------------------------------------------------ then


@then(parsers.re(r'I find the orders "(?P<labels>[^"]*)"'))
def found_orders(world: World, searching: Searching, labels: str) -> None:
    """The orders found, in any order (each once)."""
    names = {order_id: label for label, order_id in world.orders.items()}
    found = [names.get(order_id, order_id) for page in searching.pages for order_id in page]
    expected = [label.strip() for label in labels.split(",")]
    assert sorted(found) == sorted(expected), f"found {found}, expected {expected}"


@then(parsers.re(r"the pages hold (?P<sizes>\d+(?:(?:, | and )\d+)*) orders"))
def page_sizes(searching: Searching, sizes: str) -> None:
    expected = [int(size) for size in re.split(r",\s*|\s+and\s+", sizes)]
    actual = [len(page) for page in searching.pages]
    assert actual == expected, f"the pages held {actual} orders: {searching.pages}"


@then(parsers.re(r"I read each of (?P<customer>\w+)'s orders once, newest first"))
def each_order_once(searching: Searching, customer: str) -> None:
    read = [order_id for page in searching.pages for order_id in page]
    newest_first = [order_id for owner, order_id in reversed(searching.placed) if owner == customer]
    assert read == newest_first, f"read {searching.pages}, expected {newest_first}"
