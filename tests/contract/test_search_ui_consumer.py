"""Consumer side of `pacts/search-ui-search-api.json`: the search UI client against Pact's
mock server. It pins searching orders with filters a page at a time (the first page's
`next` passed back gives the last page, whose `next` is empty), reading one order (404
when unknown), and the 400 for a `next` the service did not make.

The cursor is opaque: the second page's request carries the `next` the provider state
made, and ids the provider makes reach the paths the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pact import Pact, match

from tests.contract.search_ui_client import Order, OrderItem, SearchFilters, SearchUiClient
from tests.contract.ui_client import ApiError
from tests.support.contract_http import (
    error_body,
    from_state,
    http_pact,
    mock_provider,
    non_empty,
    one_of,
    one_or_more,
    path_from_state,
    recording,
    request,
    respond,
)
from tests.support.contract_pacts import PactRecorder

CONSUMER, PROVIDER = "search-ui", "search-api"
DESCRIPTIONS = (
    "a search for a customer's new orders",
    "a search for the next page of a customer's new orders",
    "a search with a malformed cursor",
    "a request for an order",
    "a request for an unknown order",
)
STATUSES = ("New", "Approved", "Rejected", "Ready For Pickup", "Canceled", "Completed")
NEWER, OLDER = "1a3c5e7a-9c1e-4a5c-8e9a-1c3e5a7c9e1a", "6b8d0f2b-4d6f-4b8d-9f2b-4d6f8b0d2f4b"
CURSOR = (
    "WyIyMDI2LTAxLTMxVDEyOjAwOjAwKzAwOjAwIiwgIjFhM2M1ZTdhLTljMWUtNGE1Yy04ZTlhLTFjM2U1YTdjOWUxYSJd"
)
"""An example `next` (opaque to the UI; the verifier sends the one the provider state made)."""
FILTERS = SearchFilters(
    customer_id="customer-id", store_ids=["store-id"], min_total=10.0, status="New"
)
FILTERS_JSON = {
    "customerId": "customer-id",
    "storeIds": ["store-id"],
    "minTotal": 10.0,
    "status": "New",
}


def searched(order_id: str) -> dict[str, Any]:
    """An order as a search shows it: its lines with names, total and status."""
    item = {
        "productId": non_empty("product-id"),
        "storeId": non_empty("store-id"),
        "productName": match.str("TheProduct"),
        "storeName": match.str("TheStore"),
        "price": match.number(9.99),
        "quantity": match.int(2),
    }
    return {
        "orderId": non_empty(order_id),
        "customerId": non_empty("customer-id"),
        "customerName": match.str("TheCustomer"),
        "items": one_or_more(item),
        "total": match.number(19.98),
        "status": one_of("New", *STATUSES),
    }


def expected(order_id: str) -> Order:
    item = OrderItem(
        product_id="product-id",
        store_id="store-id",
        product_name="TheProduct",
        store_name="TheStore",
        price=9.99,
        quantity=2,
    )
    return Order(
        order_id=order_id,
        customer_id="customer-id",
        customer_name="TheCustomer",
        items=[item],
        total=19.98,
        status="New",
    )


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    yield from recording(CONSUMER, PROVIDER, DESCRIPTIONS, tmp_path_factory)


def search_page(pact: Pact, description: str, next_page: Any, page: dict[str, Any]) -> None:
    """A search of a customer's new orders, one order per page, from `next_page` (absent for
    the first page)."""
    interaction = pact.upon_receiving(description).given(
        "two new orders of a customer exist", customerId="customer-id"
    )
    body = {"filters": FILTERS_JSON, "limit": 1}
    request(interaction, "POST", "/api/search/orders", {**body, **next_page})
    respond(interaction, 200, page)


def test_page_through_a_customers_new_orders(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    first = {"orders": one_or_more(searched(NEWER), at_most=1), "next": non_empty(CURSOR)}
    search_page(pact, "a search for a customer's new orders", {}, first)
    last = {"orders": one_or_more(searched(OLDER), at_most=1), "next": ""}
    next_page = {"next": from_state("next", CURSOR)}
    search_page(pact, "a search for the next page of a customer's new orders", next_page, last)

    with mock_provider(pact) as url:
        pages = list(SearchUiClient(url).pages(FILTERS, limit=1))

    assert [page.orders for page in pages] == [[expected(NEWER)], [expected(OLDER)]]
    assert [page.next for page in pages] == [CURSOR, ""]
    recorder.record(pact)


def test_search_with_a_malformed_cursor(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a search with a malformed cursor")
    body = {"filters": {}, "next": "not-a-cursor"}
    request(interaction, "POST", "/api/search/orders", body)
    message = "the next cursor is malformed; pass the next of a previous page, or none"
    respond(interaction, 400, error_body(message))

    with mock_provider(pact) as url, pytest.raises(ApiError) as raised:
        SearchUiClient(url).search(SearchFilters(), "not-a-cursor")

    assert (raised.value.status, raised.value.message) == (400, message)
    recorder.record(pact)


def test_get_an_order(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request for an order").given("a new order exists")
    request(interaction, "GET", path_from_state("/api/search/orders/{orderId}", orderId=NEWER))
    respond(interaction, 200, {"order": searched(NEWER)})

    with mock_provider(pact) as url:
        got = SearchUiClient(url).get_order(NEWER)

    assert got == expected(NEWER)
    recorder.record(pact)


def test_get_an_unknown_order(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request for an unknown order")
    request(interaction, "GET", "/api/search/orders/unknown-order")
    respond(interaction, 404, error_body("order with that ID does not exist"))

    with mock_provider(pact) as url, pytest.raises(ApiError) as raised:
        SearchUiClient(url).get_order("unknown-order")

    assert raised.value.status == 404
    recorder.record(pact)
