"""Provider side of `pacts/ordering-depot.json`: a shopping list done by its bot publishes
the ShoppingListCompleted ordering expects.

The depot core (in-memory adapters, its look-ups answered by the real stores core) runs the
list's lifecycle: created for an order (its store and product looked up in stores),
initiated by the saga, assigned to a bot and completed; the message it sent last is
verified.
"""

from __future__ import annotations

from mall_contracts.depot import http, messages
from mall_contracts.stores import http as stores_http
from tests.support.contract_message_provider import MessageProvider
from tests.support.contract_pacts import PACTS_DIR
from tests.support.cores import DepotCore, build_depot_core

PACT_FILE = "ordering-depot.json"


async def shopping_list_completed(depot: DepotCore) -> None:
    stores = depot.stores.service
    store = await stores.create_store(
        stores_http.CreateStoreRequest(name="TheStore", location="TheLocation")
    )
    product = await stores.add_product(
        store.id, stores_http.AddProductRequest(name="TheProduct", price=10.0)
    )
    item = http.ShoppingItemRequest(product_id=product.id, store_id=store.id, quantity=1)
    body = http.CreateShoppingListRequest(order_id="order-id", items=[item])
    list_id = (await depot.service.create_shopping_list(body)).id
    await depot.handlers.initiate_shopping(messages.InitiateShopping(id=list_id))
    await depot.service.assign_shopping_list(list_id, http.AssignShoppingListRequest(bot_id="bot"))
    await depot.service.complete_shopping_list(list_id)


DEPOT = MessageProvider(
    "depot",
    build_depot_core,
    events={"a ShoppingListCompleted message": shopping_list_completed},
)


def test_depot_honours_the_ordering_pact() -> None:
    DEPOT.verify(PACTS_DIR / PACT_FILE)
