"""Consumer side of `pacts/depot-ui-depot-api.json`: the depot UI client against Pact's
mock server. It pins reading a shopping list (stops by store, each with its items; 404 when
unknown), listing an order's lists (`?orderId=`, an empty array for none), assigning a bot
to an available list, completing an assigned one, and the reference's refusal to complete
a list no bot was assigned to.

Ids the provider makes are matched by type and reach the requests through provider states.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pact import match

from tests.contract.depot_ui_client import DepotUiClient, ShoppingItem, Stop
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

CONSUMER, PROVIDER = "depot-ui", "depot-api"
DESCRIPTIONS = (
    "a request for a shopping list",
    "a request for an unknown shopping list",
    "a request for the shopping lists of an order",
    "a request for the shopping lists of an order without any",
    "a request to assign a bot to a shopping list",
    "a request to complete a shopping list",
    "a request to complete a shopping list no bot was assigned to",
)
LIST_ID = "4d6f8a1c-3e5a-4c7e-9a1c-3e5a7c9e1a3c"
ORDER_ID = "8f1b3d5f-7a9c-4e1b-8d5f-7a9c1e3b5d7f"
STATUSES = ("pending", "available", "assigned", "active", "completed", "canceled")
LIST_PATH = "/api/depot/shopping/{shoppingListId}"
SHOPPING_LIST = {
    "id": non_empty(LIST_ID),
    "orderId": non_empty(ORDER_ID),
    "status": one_of("available", *STATUSES),
    "assignedBotId": match.str(""),
    "stops": one_or_more(
        {
            "storeId": non_empty("store-id"),
            "storeName": match.str("TheStore"),
            "storeLocation": match.str("Upper level"),
            "items": one_or_more(
                {
                    "productId": non_empty("product-id"),
                    "productName": match.str("TheProduct"),
                    "quantity": match.int(2),
                }
            ),
        }
    ),
}
STOP = Stop(
    store_id="store-id",
    store_name="TheStore",
    store_location="Upper level",
    items=[ShoppingItem(product_id="product-id", product_name="TheProduct", quantity=2)],
)


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    yield from recording(CONSUMER, PROVIDER, DESCRIPTIONS, tmp_path_factory)


def test_get_a_shopping_list(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request for a shopping list").given(
        "a shopping list exists", status="available"
    )
    request(interaction, "GET", path_from_state(LIST_PATH, shoppingListId=LIST_ID))
    respond(interaction, 200, {"shoppingList": SHOPPING_LIST})

    with mock_provider(pact) as url:
        got = DepotUiClient(url).get_shopping_list(LIST_ID)

    assert (got.id, got.order_id, got.status, got.assigned_bot_id) == (
        LIST_ID,
        ORDER_ID,
        "available",
        "",
    )
    assert got.stops == [STOP]
    recorder.record(pact)


def test_get_an_unknown_shopping_list(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request for an unknown shopping list")
    request(interaction, "GET", "/api/depot/shopping/unknown-list")
    respond(interaction, 404, error_body("shopping list with that ID does not exist"))

    with mock_provider(pact) as url, pytest.raises(ApiError) as raised:
        DepotUiClient(url).get_shopping_list("unknown-list")

    assert raised.value.status == 404
    recorder.record(pact)


def test_list_the_shopping_lists_of_an_order(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request for the shopping lists of an order").given(
        "a shopping list exists", status="available"
    )
    request(interaction, "GET", "/api/depot/shopping")
    interaction.with_query_parameter("orderId", from_state("orderId", ORDER_ID))
    respond(interaction, 200, {"shoppingLists": one_or_more(SHOPPING_LIST)})

    with mock_provider(pact) as url:
        got = DepotUiClient(url).shopping_lists_of(ORDER_ID)

    assert [(s.id, s.order_id, s.stops) for s in got] == [(LIST_ID, ORDER_ID, [STOP])]
    recorder.record(pact)


def test_list_the_shopping_lists_of_an_order_without_any(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request for the shopping lists of an order without any")
    request(interaction, "GET", "/api/depot/shopping")
    interaction.with_query_parameter("orderId", "order-without-lists")
    respond(interaction, 200, {"shoppingLists": []})

    with mock_provider(pact) as url:
        got = DepotUiClient(url).shopping_lists_of("order-without-lists")

    assert got == []
    recorder.record(pact)


def test_assign_a_bot(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request to assign a bot to a shopping list").given(
        "a shopping list exists", status="available"
    )
    path = path_from_state(f"{LIST_PATH}/assign", shoppingListId=LIST_ID)
    request(interaction, "PUT", path, {"botId": "bot-id"})
    respond(interaction, 200, {})

    with mock_provider(pact) as url:
        DepotUiClient(url).assign_bot(LIST_ID, "bot-id")

    recorder.record(pact)


def test_complete_a_shopping_list(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request to complete a shopping list").given(
        "a shopping list exists", status="assigned"
    )
    request(interaction, "PUT", path_from_state(f"{LIST_PATH}/complete", shoppingListId=LIST_ID))
    respond(interaction, 200, {})

    with mock_provider(pact) as url:
        DepotUiClient(url).complete(LIST_ID)

    recorder.record(pact)


def test_complete_a_shopping_list_no_bot_was_assigned_to(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving(
        "a request to complete a shopping list no bot was assigned to"
    ).given("a shopping list exists", status="available")
    request(interaction, "PUT", path_from_state(f"{LIST_PATH}/complete", shoppingListId=LIST_ID))
    message = "the shopping list cannot be completed"
    respond(interaction, 400, error_body(message, exact=True))

    with mock_provider(pact) as url, pytest.raises(ApiError) as raised:
        DepotUiClient(url).complete(LIST_ID)

    assert (raised.value.status, raised.value.message) == (400, message)
    recorder.record(pact)
