"""Consumer side of `pacts/depot-cosec.json`: the create-order saga's commands depot answers
(create, initiate and cancel a shopping list), with the headers depot answers by.

Each example command is delivered with its headers through depot's command route and the real
command processor (in memory), as its JetStream command consumer runs it. The tests check what
it did to the shopping lists and the reply the processor wrote for the saga: the new (or the
order's live) list for a create, `am.Success`, or `am.Failure` with depot's text when a rule
refuses the command (an unknown store, a closed order, a canceled or completed list).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pact import Pact, match

from mall.depot.domain.closed_order import ClosedOrder, CloseReason
from mall.depot.domain.events import ShoppingListStatus, Stop, StopItem
from mall.depot.domain.shopping_list import ShoppingList
from mall.depot.ports import CachedProduct, CachedStore
from mall_adapters.reliability.envelope import FAILURE, SUCCESS
from mall_contracts.common import messages as common
from mall_contracts.depot import messages
from mall_contracts.depot.subjects import SHOPPING_LIST_COMMANDS
from tests.contract.depot_consumer import DepotConsumer
from tests.support.contract_pacts import PactRecorder
from tests.support.contract_saga import assert_answered, expect_command
from tests.support.cosec_saga import AUTHORIZED, PAYMENT_CONFIRMED, PAYMENT_REFUSED

CONSUMER, PROVIDER = "depot", "cosec"
ORDER_ID, LIST_ID = "order-id", "shopping-list-id"
CREATE = "a CreateShoppingListCommand for a store with the product"
CREATE_UNKNOWN = "a CreateShoppingListCommand for an unknown store"
CREATE_AGAIN = "a CreateShoppingListCommand for an order with a live shopping list"
CREATE_CLOSED = "a CreateShoppingListCommand for a closed order"
INITIATE = "an InitiateShoppingCommand for a pending shopping list"
INITIATE_CANCELED = "an InitiateShoppingCommand for a canceled shopping list"
CANCEL = "a CancelShoppingListCommand for a pending shopping list"
CANCEL_CANCELED = "a CancelShoppingListCommand for a canceled shopping list"
CANCEL_COMPLETED = "a CancelShoppingListCommand for a completed shopping list"
DESCRIPTIONS = (
    CREATE,
    CREATE_UNKNOWN,
    CREATE_AGAIN,
    CREATE_CLOSED,
    INITIATE,
    INITIATE_CANCELED,
    CANCEL,
    CANCEL_CANCELED,
    CANCEL_COMPLETED,
)


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    scratch: Path = tmp_path_factory.mktemp("pacts")
    recorder = PactRecorder(CONSUMER, PROVIDER, scratch, DESCRIPTIONS)
    yield recorder
    recorder.publish()


@pytest.fixture
def depot() -> DepotConsumer:
    return DepotConsumer.build()


def command(description: str, scenario: str, name: str, body: dict[str, Any]) -> Pact:
    pact = Pact(CONSUMER, PROVIDER).with_specification("V4")
    return expect_command(pact, description, scenario, SHOPPING_LIST_COMMANDS, name, body)


def create(description: str) -> Pact:
    item = {
        "product_id": match.str("product-id"),
        "store_id": match.str("store-id"),
        "quantity": match.int(2),
    }
    body = {"order_id": match.str(ORDER_ID), "items": [item]}
    return command(description, AUTHORIZED, messages.CREATE_SHOPPING_LIST, body)


def initiate(description: str) -> Pact:
    body = {"id": match.str(LIST_ID)}
    return command(description, PAYMENT_CONFIRMED, messages.INITIATE_SHOPPING, body)


def cancel(description: str) -> Pact:
    body = {"id": match.str(LIST_ID)}
    return command(description, PAYMENT_REFUSED, messages.CANCEL_SHOPPING_LIST, body)


def completed(shopping: ShoppingList) -> None:
    shopping.initiate()
    shopping.assign("bot-id")
    shopping.complete()


def status_of(depot: DepotConsumer, list_id: str = LIST_ID) -> ShoppingListStatus:
    shopping = depot.shopping_list(list_id)
    assert shopping is not None
    return shopping.status


def test_create_builds_a_pending_list_and_answers_with_its_id(
    recorder: PactRecorder, depot: DepotConsumer
) -> None:
    depot.seed_store(CachedStore("store-id", "TheStore", "TheLocation", 1))
    depot.seed_product(CachedProduct("product-id", "store-id", "TheProduct", 1))
    pact = create(CREATE)
    pact.verify(depot.commands.receive, "Async")
    [shopping] = depot.lists_of(ORDER_ID)
    assert shopping.status is ShoppingListStatus.PENDING
    assert shopping.stops == (
        Stop("store-id", "TheStore", "TheLocation", (StopItem("product-id", "TheProduct", 2),)),
    )
    reply = depot.commands.reply()
    assert_answered(reply, messages.CREATED_SHOPPING_LIST, SUCCESS, {"id": shopping.id})
    recorder.record(pact)


def test_create_for_an_unknown_store_fails(recorder: PactRecorder, depot: DepotConsumer) -> None:
    pact = create(CREATE_UNKNOWN)
    pact.verify(depot.commands.receive, "Async")
    assert depot.lists_of(ORDER_ID) == []
    why = "building shopping list: store 'store-id' was not located"
    assert_answered(depot.commands.reply(), common.FAILURE, FAILURE, {"message": why})
    recorder.record(pact)


def test_create_for_an_order_with_a_live_list_answers_that_list(
    recorder: PactRecorder, depot: DepotConsumer
) -> None:
    depot.seed_list("live-list-id", ORDER_ID)
    pact = create(CREATE_AGAIN)
    pact.verify(depot.commands.receive, "Async")
    assert [shopping.id for shopping in depot.lists_of(ORDER_ID)] == ["live-list-id"]
    reply = depot.commands.reply()
    assert_answered(reply, messages.CREATED_SHOPPING_LIST, SUCCESS, {"id": "live-list-id"})
    recorder.record(pact)


def test_create_for_a_closed_order_fails_and_builds_nothing(
    recorder: PactRecorder, depot: DepotConsumer
) -> None:
    """The saga's create executed after the order was rejected (its step timed out) or
    canceled: refused, even with the store and product known."""
    depot.seed_store(CachedStore("store-id", "TheStore", "TheLocation", 1))
    depot.seed_product(CachedProduct("product-id", "store-id", "TheProduct", 1))
    depot.seed_closed(ClosedOrder(ORDER_ID, CloseReason.CANCELED, datetime.now(UTC)))
    pact = create(CREATE_CLOSED)
    pact.verify(depot.commands.receive, "Async")
    assert depot.lists_of(ORDER_ID) == []
    why = {"message": "the order is closed"}
    assert_answered(depot.commands.reply(), common.FAILURE, FAILURE, why)
    recorder.record(pact)


def test_initiate_makes_a_pending_list_available(
    recorder: PactRecorder, depot: DepotConsumer
) -> None:
    depot.seed_list(LIST_ID, ORDER_ID)
    pact = initiate(INITIATE)
    pact.verify(depot.commands.receive, "Async")
    assert status_of(depot) is ShoppingListStatus.AVAILABLE
    assert_answered(depot.commands.reply(), common.SUCCESS, SUCCESS, {})
    recorder.record(pact)


def test_initiate_of_a_canceled_list_fails(recorder: PactRecorder, depot: DepotConsumer) -> None:
    depot.seed_list(LIST_ID, ORDER_ID, ShoppingList.cancel)
    pact = initiate(INITIATE_CANCELED)
    pact.verify(depot.commands.receive, "Async")
    assert status_of(depot) is ShoppingListStatus.CANCELED
    why = {"message": "the shopping list cannot be initiated"}
    assert_answered(depot.commands.reply(), common.FAILURE, FAILURE, why)
    recorder.record(pact)


def test_cancel_cancels_a_pending_list(recorder: PactRecorder, depot: DepotConsumer) -> None:
    depot.seed_list(LIST_ID, ORDER_ID)
    pact = cancel(CANCEL)
    pact.verify(depot.commands.receive, "Async")
    assert status_of(depot) is ShoppingListStatus.CANCELED
    assert_answered(depot.commands.reply(), common.SUCCESS, SUCCESS, {})
    recorder.record(pact)


def test_cancel_of_a_canceled_list_succeeds(recorder: PactRecorder, depot: DepotConsumer) -> None:
    """The compensation wants the list canceled: one canceled meanwhile (its order was) is
    fine."""
    depot.seed_list(LIST_ID, ORDER_ID, ShoppingList.cancel)
    pact = cancel(CANCEL_CANCELED)
    pact.verify(depot.commands.receive, "Async")
    assert status_of(depot) is ShoppingListStatus.CANCELED
    assert_answered(depot.commands.reply(), common.SUCCESS, SUCCESS, {})
    recorder.record(pact)


def test_cancel_of_a_completed_list_fails(recorder: PactRecorder, depot: DepotConsumer) -> None:
    depot.seed_list(LIST_ID, ORDER_ID, completed)
    pact = cancel(CANCEL_COMPLETED)
    pact.verify(depot.commands.receive, "Async")
    assert status_of(depot) is ShoppingListStatus.COMPLETED
    why = {"message": "the shopping list cannot be canceled"}
    assert_answered(depot.commands.reply(), common.FAILURE, FAILURE, why)
    recorder.record(pact)
