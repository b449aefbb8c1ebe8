"""Consumer side of `pacts/search-ui-search-api.json`: the search UI client against Pact's
mock server. It pins searching orders with filters a page at a time (the first page's
`next` passed back gives the last page, whose `next` is empty), reading one order (404
when unknown), and the 400 for a `next` the service did not make.

The cursor is opaque: the second page's request carries the `next` the provider state
made, and ids the provider makes reach the paths the same way.
"""

from __future__ import annotations

from typing import Any

import pytest
from pact import match

from tests.contract.search_ui_client import Order, OrderItem, SearchFilters, SearchUiClient
from tests.contract.ui_pact_cases import Call, Refusal, check_call, description, descriptions
from tests.support.contract_http import (
    Request,
    from_state,
    mock_provider,
    non_empty,
    one_of,
    one_or_more,
    path_from_state,
)
from tests.support.contract_pacts import PactRecorder, pact_recorder

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


def search_page(description: str, next_page: dict[str, Any]) -> Request:
    """A search of a customer's new orders, one order per page, from `next_page` (absent for
    the first page)."""
    body = {"filters": FILTERS_JSON, "limit": 1, **next_page}
    given = ("two new orders of a customer exist", {"customerId": "customer-id"})
    return Request(description, "POST", "/api/search/orders", body, given=given)


FIRST_PAGE = search_page("a search for a customer's new orders", {})
LAST_PAGE = search_page(
    "a search for the next page of a customer's new orders", {"next": from_state("next", CURSOR)}
)
GET = Request(
    "a request for an order",
    "GET",
    path_from_state("/api/search/orders/{orderId}", orderId=NEWER),
    given=("a new order exists", {}),
)
REFUSALS: list[Refusal[SearchUiClient]] = [
    Refusal(
        Request(
            "a search with a malformed cursor",
            "POST",
            "/api/search/orders",
            {"filters": {}, "next": "not-a-cursor"},
        ),
        400,
        "the next cursor is malformed; pass the next of a previous page, or none",
        lambda ui: ui.search(SearchFilters(), "not-a-cursor"),
    ),
    Refusal(
        Request("a request for an unknown order", "GET", "/api/search/orders/unknown-order"),
        404,
        "order with that ID does not exist",
        lambda ui: ui.get_order("unknown-order"),
    ),
]
recorder = pact_recorder(
    "search-ui", "search-api", descriptions(FIRST_PAGE, LAST_PAGE, GET, *REFUSALS)
)


def test_page_through_a_customers_new_orders(recorder: PactRecorder) -> None:
    pact = recorder.new_pact()
    first = {"orders": one_or_more(searched(NEWER), at_most=1), "next": non_empty(CURSOR)}
    FIRST_PAGE.answered(pact, 200, first)
    last = {"orders": one_or_more(searched(OLDER), at_most=1), "next": ""}
    LAST_PAGE.answered(pact, 200, last)

    with mock_provider(pact) as url:
        pages = list(SearchUiClient(url).pages(FILTERS, limit=1))

    assert [page.orders for page in pages] == [[expected(NEWER)], [expected(OLDER)]]
    assert [page.next for page in pages] == [CURSOR, ""]
    recorder.record(pact)


def test_get_an_order(recorder: PactRecorder) -> None:
    pact = GET.answered(recorder.new_pact(), 200, {"order": searched(NEWER)})

    with mock_provider(pact) as url:
        got = SearchUiClient(url).get_order(NEWER)

    assert got == expected(NEWER)
    recorder.record(pact)


@pytest.mark.parametrize("case", REFUSALS, ids=description)
def test_the_client_gets_the_answer(case: Call[SearchUiClient], recorder: PactRecorder) -> None:
    check_call(case, SearchUiClient, recorder)
