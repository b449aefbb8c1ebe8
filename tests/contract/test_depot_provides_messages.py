"""Provider side of `pacts/ordering-depot.json`: a shopping list done by its bot publishes
the ShoppingListCompleted ordering expects.

The depot core (in-memory adapters, its look-ups answered by the real stores core) runs the
list's lifecycle: created for an order (its store and product looked up in stores),
initiated by the saga, assigned to a bot and completed; the message it sent last is
verified.
"""

from __future__ import annotations

from mall_contracts.depot import http, messages
from tests.contract.stores_messages import stock_a_product
from tests.support.contract_message_provider import MessageProvider
from tests.support.cores import DepotCore, build_depot_core


async def shopping_list_completed(depot: DepotCore) -> None:
    store_id, product_id = await stock_a_product(depot.stores)
    item = http.ShoppingItemRequest(product_id=product_id, store_id=store_id, quantity=1)
    body = http.CreateShoppingListRequest(order_id="order-id", items=[item])
    list_id = (await depot.service.create_shopping_list(body)).id
    await depot.handlers.initiate_shopping(messages.InitiateShopping(id=list_id))
    await depot.service.assign_shopping_list(list_id, http.AssignShoppingListRequest(bot_id="bot"))
    await depot.service.complete_shopping_list(list_id)


def test_depot_honours_the_ordering_pact() -> None:
    events = {"a ShoppingListCompleted message": shopping_list_completed}
    MessageProvider("depot", build_depot_core, events).verify("ordering-depot.json")
