"""Provider side of `pacts/depot-ui-depot-api.json` and `pacts/busywork-depot-api.json`: the
real app verified against the depot UI's and the simulator's pacts.

Shopping lists are set up as depot keeps them: a `ShoppingList` built from its order's lines
(two stores, products named as they were looked up), taken to the status the state asks
for through the aggregate, and saved in `depot.shopping_lists` by its repository. The depot
tables are emptied after each interaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from mall.depot.domain.events import ShoppingListStatus
from mall.depot.domain.shopping_list import ListLine, ShoppingList
from mall_adapters.bootstrap.settings import Settings
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.depot import PostgresShoppingListRepository
from tests.support.contract_http_provider import Injected, Params, ProviderStates, verify_http_pact

LINES = (
    ListLine("store-1", "TheStore", "Upper level", "product-1", "TheProduct", 2),
    ListLine("store-1", "TheStore", "Upper level", "product-2", "OtherProduct", 1),
    ListLine("store-2", "OtherStore", "Lower level", "product-3", "ThirdProduct", 3),
)
Status = ShoppingListStatus
AFTER_CREATE: dict[Status, tuple[Callable[[ShoppingList], None], ...]] = {
    Status.PENDING: (),
    Status.AVAILABLE: (ShoppingList.initiate,),
    Status.ASSIGNED: (ShoppingList.initiate, lambda s: s.assign("bot-id")),
    Status.COMPLETED: (ShoppingList.initiate, lambda s: s.assign("bot-id"), ShoppingList.complete),
    Status.CANCELED: (ShoppingList.cancel,),
}


async def a_shopping_list(db: Database, params: Params) -> Injected:
    """An order's list in `status` (available by default); answers `shoppingListId` and
    `orderId`."""
    shopping = ShoppingList.create(str(uuid.uuid4()), str(uuid.uuid4()), LINES)
    for step in AFTER_CREATE[Status(str(params.get("status", "available")))]:
        step(shopping)
    await PostgresShoppingListRepository(db).save(shopping)
    return {"shoppingListId": shopping.id, "orderId": shopping.order_id}


DEPOT_STATES = ProviderStates(
    schemas=("depot",),
    setups={"a shopping list exists": a_shopping_list},
)


def test_depot_api_honours_the_depot_ui_pact(settings: Settings) -> None:
    verify_http_pact(settings, "depot-api", "depot-ui-depot-api.json", DEPOT_STATES)


def test_depot_api_honours_the_busywork_pact(settings: Settings) -> None:
    verify_http_pact(settings, "depot-api", "busywork-depot-api.json", DEPOT_STATES)
