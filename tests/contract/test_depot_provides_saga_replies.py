"""Provider side of `pacts/cosec-depot.json`: depot answers CreateShoppingList,
InitiateShopping and CancelShoppingList the way the saga expects, reply headers included.

Each reply is produced by the real depot core (in memory, its store look-ups answered by an
empty stores core) in the interaction's provider state: the command goes through depot's
command route and the real command processor, and the reply it writes to the outbox is what
the verifier checks.
"""

from __future__ import annotations

from collections.abc import Callable

from mall.depot.domain.shopping_list import ListLine, ShoppingList
from mall.depot.ports import CachedProduct, CachedStore
from mall_adapters.messaging.generated.depot import build_depot_router
from mall_adapters.reliability.envelope import Envelope
from mall_contracts.depot import messages
from mall_contracts.depot.subjects import SHOPPING_LIST_COMMANDS
from tests.support.contract_saga import Params, SagaParticipant, State, saga_command
from tests.support.cores import DepotCore, build_depot_core

ORDER_ID = "order-id"


async def store_with_product(core: DepotCore, params: Params) -> None:
    await core.store_cache.save(CachedStore(params["store_id"], "TheStore", "TheLocation", 1))
    product = CachedProduct(params["product_id"], params["store_id"], "TheProduct", 1)
    await core.product_cache.save(product)


async def unknown_store(core: DepotCore, params: Params) -> None:
    """Nothing to do: neither depot's cache nor stores knows the store."""


def shopping_list(*steps: Callable[[ShoppingList], object]) -> State[DepotCore]:
    """A saved list of the order, with one line, after `steps`."""

    async def seed(core: DepotCore, params: Params) -> None:
        line = ListLine("store-id", "TheStore", "TheLocation", "product-id", "TheProduct", 2)
        shopping = ShoppingList.create(params["id"], ORDER_ID, [line])
        for step in steps:
            step(shopping)
        await core.records.save(shopping)

    return seed


def create(params: Params) -> Envelope:
    item = messages.ShoppingItem(
        product_id=params["product_id"], store_id=params["store_id"], quantity=2
    )
    command = messages.CreateShoppingList(order_id=ORDER_ID, items=[item])
    return saga_command(SHOPPING_LIST_COMMANDS, messages.CREATE_SHOPPING_LIST, command)


def initiate(params: Params) -> Envelope:
    command = messages.InitiateShopping(id=params["id"])
    return saga_command(SHOPPING_LIST_COMMANDS, messages.INITIATE_SHOPPING, command)


def cancel(params: Params) -> Envelope:
    command = messages.CancelShoppingList(id=params["id"])
    return saga_command(SHOPPING_LIST_COMMANDS, messages.CANCEL_SHOPPING_LIST, command)


DEPOT = SagaParticipant(
    "depot",
    build_depot_core,
    build_depot_router,
    states={
        "a store with the product": store_with_product,
        "an unknown store": unknown_store,
        "a pending shopping list": shopping_list(),
        "a canceled shopping list": shopping_list(ShoppingList.cancel),
        "a completed shopping list": shopping_list(
            ShoppingList.initiate,
            lambda shopping: shopping.assign("bot-id"),
            ShoppingList.complete,
        ),
    },
    replies={
        "a CreatedShoppingListReply to CreateShoppingList": create,
        "an am.Failure reply to CreateShoppingList": create,
        "an am.Success reply to InitiateShopping": initiate,
        "an am.Failure reply to InitiateShopping": initiate,
        "an am.Success reply to CancelShoppingList": cancel,
        "an am.Failure reply to CancelShoppingList": cancel,
    },
)


def test_depot_answers_the_saga_commands_as_cosec_expects() -> None:
    DEPOT.verify("cosec-depot.json")
