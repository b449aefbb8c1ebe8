"""Consumer side of `pacts/depot-cosec.json`: the create-order saga's commands depot answers
(create, initiate and cancel a shopping list), with the headers depot answers by.

Each example command is delivered with its headers through depot's command route and the real
command processor (in memory), as its JetStream command consumer runs it. The tests check what
it did to the shopping lists and the reply the processor wrote for the saga: the new (or the
order's live) list for a create, `am.Success`, or `am.Failure` with depot's text when a rule
refuses the command (an unknown store, a closed order, a canceled or completed list).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from pact import match

from mall.depot.domain.closed_order import ClosedOrder, CloseReason
from mall.depot.domain.events import ShoppingListStatus, Stop, StopItem
from mall.depot.domain.shopping_list import ShoppingList
from mall.depot.ports import CachedProduct, CachedStore
from mall_adapters.reliability.envelope import SUCCESS
from mall_contracts.depot import messages
from mall_contracts.depot.subjects import SHOPPING_LIST_COMMANDS
from tests.contract.depot_consumer import DepotConsumer
from tests.support.contract_pacts import PactRecorder, pact_recorder
from tests.support.contract_saga import (
    SUCCEEDED,
    Answer,
    CommandCase,
    ExpectedCommand,
    assert_answered,
    check_command,
    refused,
)
from tests.support.cosec_saga import AUTHORIZED, PAYMENT_CONFIRMED, PAYMENT_REFUSED

ORDER_ID, LIST_ID = "order-id", "shopping-list-id"
CREATE = ExpectedCommand(
    AUTHORIZED,
    SHOPPING_LIST_COMMANDS,
    messages.CREATE_SHOPPING_LIST,
    {
        "order_id": match.str(ORDER_ID),
        "items": [
            {
                "product_id": match.str("product-id"),
                "store_id": match.str("store-id"),
                "quantity": match.int(2),
            }
        ],
    },
)
INITIATE = ExpectedCommand(
    PAYMENT_CONFIRMED,
    SHOPPING_LIST_COMMANDS,
    messages.INITIATE_SHOPPING,
    {"id": match.str(LIST_ID)},
)
CANCEL = ExpectedCommand(
    PAYMENT_REFUSED,
    SHOPPING_LIST_COMMANDS,
    messages.CANCEL_SHOPPING_LIST,
    {"id": match.str(LIST_ID)},
)
CREATED = "a CreateShoppingListCommand for a store with the product"


def completed(shopping: ShoppingList) -> None:
    shopping.initiate()
    shopping.assign("bot-id")
    shopping.complete()


def a_list(
    list_id: str, *steps: Callable[[ShoppingList], object]
) -> Callable[[DepotConsumer], None]:
    """The order's list `list_id`, after `steps`."""
    return lambda depot: depot.seed_list(list_id, ORDER_ID, *steps)


def no_store(depot: DepotConsumer) -> None:
    """Neither depot's caches nor stores know the order's store."""


def closed_order(depot: DepotConsumer) -> None:
    """The order was canceled (or rejected) before the create ran; its store and product are
    known, so only the closing can refuse it."""
    depot.seed_store(CachedStore("store-id", "TheStore", "TheLocation", 1))
    depot.seed_product(CachedProduct("product-id", "store-id", "TheProduct", 1))
    depot.seed_closed(ClosedOrder(ORDER_ID, CloseReason.CANCELED, datetime.now(UTC)))


def lists_of_the_order(*list_ids: str) -> Callable[[DepotConsumer], None]:
    """After the command, the order has exactly the lists `list_ids`."""

    def check(depot: DepotConsumer) -> None:
        assert [shopping.id for shopping in depot.lists_of(ORDER_ID)] == list(list_ids)

    return check


def list_is(status: ShoppingListStatus) -> Callable[[DepotConsumer], None]:
    """After the command, the list `LIST_ID` is `status`."""

    def check(depot: DepotConsumer) -> None:
        shopping = depot.shopping_list(LIST_ID)
        assert shopping is not None
        assert shopping.status is status

    return check


CASES: list[CommandCase[DepotConsumer]] = [
    CommandCase(
        "create for an unknown store fails",
        "a CreateShoppingListCommand for an unknown store",
        CREATE,
        refused("building shopping list: store 'store-id' was not located"),
        given=no_store,
        then=lists_of_the_order(),
    ),
    CommandCase(
        "create for an order with a live list answers that list",
        "a CreateShoppingListCommand for an order with a live shopping list",
        CREATE,
        Answer(messages.CREATED_SHOPPING_LIST, SUCCESS, {"id": "live-list-id"}),
        given=a_list("live-list-id"),
        then=lists_of_the_order("live-list-id"),
    ),
    CommandCase(
        # The saga's create executed after its step timed out or the order was canceled.
        "create for a closed order fails and builds nothing",
        "a CreateShoppingListCommand for a closed order",
        CREATE,
        refused("the order is closed"),
        given=closed_order,
        then=lists_of_the_order(),
    ),
    CommandCase(
        "initiate makes a pending list available",
        "an InitiateShoppingCommand for a pending shopping list",
        INITIATE,
        SUCCEEDED,
        given=a_list(LIST_ID),
        then=list_is(ShoppingListStatus.AVAILABLE),
    ),
    CommandCase(
        "initiate of a canceled list fails",
        "an InitiateShoppingCommand for a canceled shopping list",
        INITIATE,
        refused("the shopping list cannot be initiated"),
        given=a_list(LIST_ID, ShoppingList.cancel),
        then=list_is(ShoppingListStatus.CANCELED),
    ),
    CommandCase(
        "cancel cancels a pending list",
        "a CancelShoppingListCommand for a pending shopping list",
        CANCEL,
        SUCCEEDED,
        given=a_list(LIST_ID),
        then=list_is(ShoppingListStatus.CANCELED),
    ),
    CommandCase(
        # The compensation wants the list canceled: one canceled meanwhile (its order was)
        # is fine.
        "cancel of a canceled list succeeds",
        "a CancelShoppingListCommand for a canceled shopping list",
        CANCEL,
        SUCCEEDED,
        given=a_list(LIST_ID, ShoppingList.cancel),
        then=list_is(ShoppingListStatus.CANCELED),
    ),
    CommandCase(
        "cancel of a completed list fails",
        "a CancelShoppingListCommand for a completed shopping list",
        CANCEL,
        refused("the shopping list cannot be canceled"),
        given=a_list(LIST_ID, completed),
        then=list_is(ShoppingListStatus.COMPLETED),
    ),
]
recorder = pact_recorder("depot", "cosec", [CREATED, *(case.description for case in CASES)])


@pytest.fixture
def depot() -> DepotConsumer:
    return DepotConsumer.build()


def test_create_builds_a_pending_list_and_answers_with_its_id(
    recorder: PactRecorder, depot: DepotConsumer
) -> None:
    depot.seed_store(CachedStore("store-id", "TheStore", "TheLocation", 1))
    depot.seed_product(CachedProduct("product-id", "store-id", "TheProduct", 1))
    pact = CREATE.expect(recorder.new_pact(), CREATED)
    pact.verify(depot.commands.receive, "Async")
    [shopping] = depot.lists_of(ORDER_ID)
    assert shopping.status is ShoppingListStatus.PENDING
    assert shopping.stops == (
        Stop("store-id", "TheStore", "TheLocation", (StopItem("product-id", "TheProduct", 2),)),
    )
    answer = Answer(messages.CREATED_SHOPPING_LIST, SUCCESS, {"id": shopping.id})
    assert_answered(depot.commands.reply(), answer)
    recorder.record(pact)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.intent)
def test_a_command_is_answered(
    case: CommandCase[DepotConsumer], recorder: PactRecorder, depot: DepotConsumer
) -> None:
    check_command(case, depot, recorder)
