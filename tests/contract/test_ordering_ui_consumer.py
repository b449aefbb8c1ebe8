"""Consumer side of `pacts/ordering-ui-ordering-api.json`: the ordering UI client against
Pact's mock server. It pins creating an order (with an `Idempotency-Key`, and the 400 and
422 refusals), reading one (its lines, status, shopping list and invoice once set, 404 when
unknown) and cancelling one (and the reference's refusal for an order past cancelling).

Ids the provider makes are matched by type and reach the paths through provider states.
"""

from __future__ import annotations

import pytest
from pact import match

from tests.contract.ordering_ui_client import OrderingUiClient, OrderItem
from tests.contract.ui_pact_cases import Call, Done, Refusal, check_call, description, descriptions
from tests.support.contract_http import (
    Request,
    mock_provider,
    non_empty,
    one_of,
    one_or_more,
    path_from_state,
)
from tests.support.contract_pacts import PactRecorder, pact_recorder

STATUSES = ("pending", "rejected", "approved", "ready", "completed", "cancelled")
ORDER_ID = "9a7c1e52-3b1f-4c6d-8e2a-5f4b3c2d1e0f"
USED_KEY = "0d5e8f1a-2b3c-4d5e-8f6a-7b8c9d0e1f2a"
ORDER_PATH = path_from_state("/api/ordering/{orderId}", orderId=ORDER_ID)
ITEM = OrderItem(
    store_id="store-id",
    product_id="product-id",
    store_name="TheStore",
    product_name="TheProduct",
    price=9.99,
    quantity=2,
)
ITEM_JSON = {
    "storeId": "store-id",
    "productId": "product-id",
    "storeName": "TheStore",
    "productName": "TheProduct",
    "price": 9.99,
    "quantity": 2,
}
NEW_ORDER = {"items": [ITEM_JSON], "customerId": "customer-id", "paymentId": "payment-id"}
CREATE = Request(
    "a request to create an order",
    "POST",
    "/api/ordering",
    NEW_ORDER,
    {"Idempotency-Key": match.uuid("6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f")},
)
GET = Request(
    "a request for an order", "GET", ORDER_PATH, given=("an order exists", {"status": "ready"})
)
REFUSALS: list[Refusal[OrderingUiClient]] = [
    Refusal(
        Request(
            "a request to create an order without items",
            "POST",
            "/api/ordering",
            {**NEW_ORDER, "items": []},
            {"Idempotency-Key": match.uuid(USED_KEY)},
        ),
        400,
        "create order command: the order has no items",
        lambda ui: ui.create_order("customer-id", "payment-id", [], USED_KEY),
    ),
    Refusal(
        Request(
            "a request to create an order with an Idempotency-Key used for another order",
            "POST",
            "/api/ordering",
            NEW_ORDER,
            {"Idempotency-Key": USED_KEY},
            given=("an order was created with an Idempotency-Key", {"key": USED_KEY}),
        ),
        422,
        f"the Idempotency-Key '{USED_KEY}' was already used for a different request;"
        " send a new key for a new request",
        lambda ui: ui.create_order("customer-id", "payment-id", [ITEM], USED_KEY),
    ),
    Refusal(
        Request("a request for an unknown order", "GET", "/api/ordering/unknown-order"),
        404,
        "order with that ID does not exist",
        lambda ui: ui.get_order("unknown-order"),
    ),
    Refusal(
        Request(
            "a request to cancel a completed order",
            "DELETE",
            ORDER_PATH,
            given=("an order exists", {"status": "completed"}),
        ),
        400,
        "the order cannot be cancelled",
        lambda ui: ui.cancel_order(ORDER_ID),
        exact=True,
    ),
]
DONE: list[Done[OrderingUiClient]] = [
    Done(
        Request(
            "a request to cancel an order",
            "DELETE",
            ORDER_PATH,
            given=("an order exists", {"status": "pending"}),
        ),
        lambda ui: ui.cancel_order(ORDER_ID),
    ),
]
recorder = pact_recorder("ordering-ui", "ordering-api", descriptions(CREATE, GET, *REFUSALS, *DONE))


def test_create_an_order(recorder: PactRecorder) -> None:
    pact = CREATE.answered(recorder.new_pact(), 200, {"id": non_empty(ORDER_ID)})

    with mock_provider(pact) as url:
        order_id = OrderingUiClient(url).create_order("customer-id", "payment-id", [ITEM])

    assert order_id == ORDER_ID
    recorder.record(pact)


def test_get_an_order(recorder: PactRecorder) -> None:
    line = {
        "storeId": match.str("store-id"),
        "productId": match.str("product-id"),
        "storeName": match.str("TheStore"),
        "productName": match.str("TheProduct"),
        "price": match.number(9.99),
        "quantity": match.int(2),
    }
    order = {
        "id": non_empty(ORDER_ID),
        "customerId": match.str("customer-id"),
        "paymentId": match.str("payment-id"),
        "items": one_or_more(line),
        "status": one_of("ready", *STATUSES),
        "shoppingId": non_empty("shopping-id"),  # set: the order was approved
        "invoiceId": non_empty(ORDER_ID),  # set: the order is ready
    }
    pact = GET.answered(recorder.new_pact(), 200, {"order": order})

    with mock_provider(pact) as url:
        got = OrderingUiClient(url).get_order(ORDER_ID)

    assert (got.id, got.status, got.items) == (ORDER_ID, "ready", [ITEM])
    assert (got.shopping_id, got.invoice_id) == ("shopping-id", ORDER_ID)
    recorder.record(pact)


@pytest.mark.parametrize("case", [*REFUSALS, *DONE], ids=description)
def test_the_client_gets_the_answer(case: Call[OrderingUiClient], recorder: PactRecorder) -> None:
    check_call(case, OrderingUiClient, recorder)
