"""Consumer side of `pacts/depot-cosec.json`: the create-order saga's commands depot answers
(create, initiate and cancel a shopping list), with the replies they get."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pact import Pact, match

from mall.depot.domain.events import ShoppingListStatus, Stop, StopItem
from mall.depot.ports import CachedProduct, CachedStore
from mall_contracts.common.messages import Success
from mall_contracts.depot import messages
from mall_contracts.depot.subjects import SHOPPING_LIST_COMMANDS
from tests.contract.depot_consumer import DepotConsumer, expect
from tests.support.contract_pacts import PactRecorder

CONSUMER, PROVIDER = "depot", "cosec"
DESCRIPTIONS = (
    "a CreateShoppingListCommand",
    "an InitiateShoppingCommand",
    "a CancelShoppingListCommand",
)


def cosec_pact() -> Pact:
    return Pact(CONSUMER, PROVIDER).with_specification("V4")


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    scratch: Path = tmp_path_factory.mktemp("pacts")
    recorder = PactRecorder(CONSUMER, PROVIDER, scratch, DESCRIPTIONS)
    yield recorder
    recorder.publish()


@pytest.fixture
def depot() -> DepotConsumer:
    return DepotConsumer.build()


def test_create_shopping_list_builds_a_pending_list(
    recorder: PactRecorder, depot: DepotConsumer
) -> None:
    depot.seed_store(CachedStore("store-id", "TheStore", "TheLocation", 1))
    depot.seed_product(CachedProduct("product-id", "store-id", "TheProduct", 1))
    pact = expect(
        cosec_pact(),
        "a CreateShoppingListCommand",
        SHOPPING_LIST_COMMANDS,
        messages.CREATE_SHOPPING_LIST,
        {
            "order_id": match.str("order-id"),
            "items": [
                {
                    "product_id": match.str("product-id"),
                    "store_id": match.str("store-id"),
                    "quantity": match.int(2),
                }
            ],
        },
    )
    pact.verify(depot.receive, "Async")
    [reply] = depot.replies
    assert isinstance(reply, messages.CreatedShoppingList)
    shopping = depot.shopping_list(reply.id)
    assert shopping is not None
    assert (shopping.order_id, shopping.status) == ("order-id", ShoppingListStatus.PENDING)
    assert shopping.stops == (
        Stop("store-id", "TheStore", "TheLocation", (StopItem("product-id", "TheProduct", 2),)),
    )
    recorder.record(pact)


def test_initiate_shopping_makes_the_list_available(
    recorder: PactRecorder, depot: DepotConsumer
) -> None:
    depot.seed_list("shopping-list-id", "order-id")
    pact = expect(
        cosec_pact(),
        "an InitiateShoppingCommand",
        SHOPPING_LIST_COMMANDS,
        messages.INITIATE_SHOPPING,
        {"id": match.str("shopping-list-id")},
    )
    pact.verify(depot.receive, "Async")
    assert depot.replies == [Success()]
    shopping = depot.shopping_list("shopping-list-id")
    assert shopping is not None
    assert shopping.status is ShoppingListStatus.AVAILABLE
    recorder.record(pact)


def test_cancel_shopping_list_cancels_the_list(
    recorder: PactRecorder, depot: DepotConsumer
) -> None:
    depot.seed_list("shopping-list-id", "order-id")
    pact = expect(
        cosec_pact(),
        "a CancelShoppingListCommand",
        SHOPPING_LIST_COMMANDS,
        messages.CANCEL_SHOPPING_LIST,
        {"id": match.str("shopping-list-id")},
    )
    pact.verify(depot.receive, "Async")
    assert depot.replies == [Success()]
    shopping = depot.shopping_list("shopping-list-id")
    assert shopping is not None
    assert shopping.status is ShoppingListStatus.CANCELED
    recorder.record(pact)
