"""Consumer side of `pacts/depot-ui-depot-api.json`: the depot UI client against Pact's
mock server. It pins reading a shopping list (stops by store, each with its items; 404 when
unknown), listing an order's lists (`?orderId=`, an empty array for none), assigning a bot
to an available list, completing an assigned one, and the reference's refusal to complete
a list no bot was assigned to.

Ids the provider makes are matched by type and reach the requests through provider states.
"""

from __future__ import annotations

import pytest
from pact import match

from tests.contract.depot_ui_client import DepotUiClient, ShoppingItem, Stop
from tests.contract.ui_pact_cases import Call, Done, Refusal, check_call, description, descriptions
from tests.support.contract_http import (
    Matchable,
    Request,
    from_state,
    mock_provider,
    non_empty,
    one_of,
    one_or_more,
    path_from_state,
)
from tests.support.contract_pacts import PactRecorder, pact_recorder

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


def a_list(status: str) -> tuple[str, dict[str, str]]:
    return ("a shopping list exists", {"status": status})


def list_path(suffix: str = "") -> Matchable:
    return path_from_state(f"{LIST_PATH}{suffix}", shoppingListId=LIST_ID)


GET = Request("a request for a shopping list", "GET", list_path(), given=a_list("available"))
LISTS_OF = Request(
    "a request for the shopping lists of an order",
    "GET",
    "/api/depot/shopping",
    query={"orderId": from_state("orderId", ORDER_ID)},
    given=a_list("available"),
)
NO_LISTS_OF = Request(
    "a request for the shopping lists of an order without any",
    "GET",
    "/api/depot/shopping",
    query={"orderId": "order-without-lists"},
)
REFUSALS: list[Refusal[DepotUiClient]] = [
    Refusal(
        Request(
            "a request for an unknown shopping list", "GET", "/api/depot/shopping/unknown-list"
        ),
        404,
        "shopping list with that ID does not exist",
        lambda ui: ui.get_shopping_list("unknown-list"),
    ),
    Refusal(
        Request(
            "a request to complete a shopping list no bot was assigned to",
            "PUT",
            list_path("/complete"),
            given=a_list("available"),
        ),
        400,
        "the shopping list cannot be completed",
        lambda ui: ui.complete(LIST_ID),
        exact=True,
    ),
]
DONE: list[Done[DepotUiClient]] = [
    Done(
        Request(
            "a request to assign a bot to a shopping list",
            "PUT",
            list_path("/assign"),
            {"botId": "bot-id"},
            given=a_list("available"),
        ),
        lambda ui: ui.assign_bot(LIST_ID, "bot-id"),
    ),
    Done(
        Request(
            "a request to complete a shopping list",
            "PUT",
            list_path("/complete"),
            given=a_list("assigned"),
        ),
        lambda ui: ui.complete(LIST_ID),
    ),
]
recorder = pact_recorder(
    "depot-ui", "depot-api", descriptions(GET, LISTS_OF, NO_LISTS_OF, *REFUSALS, *DONE)
)


def test_get_a_shopping_list(recorder: PactRecorder) -> None:
    pact = GET.answered(recorder.new_pact(), 200, {"shoppingList": SHOPPING_LIST})

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


def test_list_the_shopping_lists_of_an_order(recorder: PactRecorder) -> None:
    pact = LISTS_OF.answered(
        recorder.new_pact(), 200, {"shoppingLists": one_or_more(SHOPPING_LIST)}
    )

    with mock_provider(pact) as url:
        got = DepotUiClient(url).shopping_lists_of(ORDER_ID)

    assert [(s.id, s.order_id, s.stops) for s in got] == [(LIST_ID, ORDER_ID, [STOP])]
    recorder.record(pact)


def test_list_the_shopping_lists_of_an_order_without_any(recorder: PactRecorder) -> None:
    pact = NO_LISTS_OF.answered(recorder.new_pact(), 200, {"shoppingLists": []})

    with mock_provider(pact) as url:
        got = DepotUiClient(url).shopping_lists_of("order-without-lists")

    assert got == []
    recorder.record(pact)


@pytest.mark.parametrize("case", [*REFUSALS, *DONE], ids=description)
def test_the_client_gets_the_answer(case: Call[DepotUiClient], recorder: PactRecorder) -> None:
    check_call(case, DepotUiClient, recorder)
