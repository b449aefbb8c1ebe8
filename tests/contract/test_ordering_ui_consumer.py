"""Consumer side of `pacts/ordering-ui-ordering-api.json`: the ordering UI client against
Pact's mock server. It pins creating an order (with an `Idempotency-Key`, and the 400 and
422 refusals), reading one (its lines, status, shopping list and invoice once set, 404 when
unknown) and cancelling one (and the reference's refusal for an order past cancelling).

Ids the provider makes are matched by type and reach the paths through provider states.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pact import match

from tests.contract.ordering_ui_client import OrderingUiClient, OrderItem
from tests.contract.ui_client import ApiError
from tests.support.contract_http import (
    error_body,
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

CONSUMER, PROVIDER = "ordering-ui", "ordering-api"
DESCRIPTIONS = (
    "a request to create an order",
    "a request to create an order without items",
    "a request to create an order with an Idempotency-Key used for another order",
    "a request for an order",
    "a request for an unknown order",
    "a request to cancel an order",
    "a request to cancel a completed order",
)
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


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    yield from recording(CONSUMER, PROVIDER, DESCRIPTIONS, tmp_path_factory)


def test_create_an_order(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request to create an order")
    key = match.uuid("6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f")
    request(interaction, "POST", "/api/ordering", NEW_ORDER, {"Idempotency-Key": key})
    respond(interaction, 200, {"id": non_empty(ORDER_ID)})

    with mock_provider(pact) as url:
        order_id = OrderingUiClient(url).create_order("customer-id", "payment-id", [ITEM])

    assert order_id == ORDER_ID
    recorder.record(pact)


def test_create_an_order_without_items(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request to create an order without items")
    body = {**NEW_ORDER, "items": []}
    request(interaction, "POST", "/api/ordering", body, {"Idempotency-Key": match.uuid(USED_KEY)})
    message = "create order command: the order has no items"
    respond(interaction, 400, error_body(message))

    with mock_provider(pact) as url, pytest.raises(ApiError) as raised:
        OrderingUiClient(url).create_order("customer-id", "payment-id", [], USED_KEY)

    assert (raised.value.status, raised.value.message) == (400, message)
    recorder.record(pact)


def test_create_an_order_with_a_used_key(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving(
        "a request to create an order with an Idempotency-Key used for another order"
    ).given("an order was created with an Idempotency-Key", key=USED_KEY)
    request(interaction, "POST", "/api/ordering", NEW_ORDER, {"Idempotency-Key": USED_KEY})
    message = (
        f"the Idempotency-Key '{USED_KEY}' was already used for a different request;"
        " send a new key for a new request"
    )
    respond(interaction, 422, error_body(message))

    with mock_provider(pact) as url, pytest.raises(ApiError) as raised:
        OrderingUiClient(url).create_order("customer-id", "payment-id", [ITEM], USED_KEY)

    assert (raised.value.status, raised.value.message) == (422, message)
    recorder.record(pact)


def test_get_an_order(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request for an order").given(
        "an order exists", status="ready"
    )
    request(interaction, "GET", ORDER_PATH)
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
    respond(interaction, 200, {"order": order})

    with mock_provider(pact) as url:
        got = OrderingUiClient(url).get_order(ORDER_ID)

    assert (got.id, got.status, got.items) == (ORDER_ID, "ready", [ITEM])
    assert (got.shopping_id, got.invoice_id) == ("shopping-id", ORDER_ID)
    recorder.record(pact)


def test_get_an_unknown_order(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request for an unknown order")
    request(interaction, "GET", "/api/ordering/unknown-order")
    respond(interaction, 404, error_body("order with that ID does not exist"))

    with mock_provider(pact) as url, pytest.raises(ApiError) as raised:
        OrderingUiClient(url).get_order("unknown-order")

    assert raised.value.status == 404
    recorder.record(pact)


def test_cancel_an_order(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request to cancel an order").given(
        "an order exists", status="pending"
    )
    request(interaction, "DELETE", ORDER_PATH)
    respond(interaction, 200, {})

    with mock_provider(pact) as url:
        OrderingUiClient(url).cancel_order(ORDER_ID)

    recorder.record(pact)


def test_cancel_a_completed_order(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request to cancel a completed order").given(
        "an order exists", status="completed"
    )
    request(interaction, "DELETE", ORDER_PATH)
    respond(interaction, 400, error_body("the order cannot be cancelled", exact=True))

    with mock_provider(pact) as url, pytest.raises(ApiError) as raised:
        OrderingUiClient(url).cancel_order(ORDER_ID)

    assert (raised.value.status, raised.value.message) == (400, "the order cannot be cancelled")
    recorder.record(pact)
