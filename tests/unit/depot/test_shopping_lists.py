"""Shopping lists through the core's REST port and the saga's commands."""

from __future__ import annotations

import pytest

from mall.kernel.errors import BadRequestError, NotFoundError
from mall_contracts.common.http import Empty
from mall_contracts.common.messages import Success
from mall_contracts.depot import http, messages
from mall_contracts.depot import subjects as depot_subjects
from mall_contracts.ordering.messages import OrderCanceled
from tests.unit.depot.conftest import DepotCore

UNKNOWN = r"^shopping list with that ID does not exist$"


async def test_a_list_has_one_stop_per_store_with_names_and_locations(core: DepotCore) -> None:
    books = await core.store("Waldorf Books", "Level 1")
    wands = await core.store("Ollivanders", "Diagon Alley")
    atlas, wand, map_ = (
        await core.product(books, "Atlas"),
        await core.product(wands, "Wand"),
        await core.product(books, "Map"),
    )
    list_id = await core.create("order-1", (books, atlas, 2), (wands, wand, 1), (books, map_, 3))
    got = await core.service.get_shopping_list(list_id)
    assert got == http.GetShoppingListResponse(
        shopping_list=http.ShoppingList(
            id=list_id,
            order_id="order-1",
            status="pending",
            assigned_bot_id="",
            stops=[
                http.Stop(
                    store_id=books,
                    store_name="Waldorf Books",
                    store_location="Level 1",
                    items=[
                        http.ShoppingItem(product_id=atlas, product_name="Atlas", quantity=2),
                        http.ShoppingItem(product_id=map_, product_name="Map", quantity=3),
                    ],
                ),
                http.Stop(
                    store_id=wands,
                    store_name="Ollivanders",
                    store_location="Diagon Alley",
                    items=[http.ShoppingItem(product_id=wand, product_name="Wand", quantity=1)],
                ),
            ],
        )
    )
    assert core.sink.sent == []  # creating publishes nothing


async def test_an_order_has_one_live_list(core: DepotCore) -> None:
    store = await core.store()
    wand = await core.product(store)
    first = await core.create("order-1", (store, wand, 1))
    assert await core.create("order-1", (store, wand, 5)) == first
    assert len(core.records.rows) == 1
    await core.service.cancel_shopping_list(first)
    second = await core.create("order-1", (store, wand, 5))
    assert second != first
    lists = (await core.service.list_shopping_lists("order-1")).shopping_lists
    assert [(s.id, s.status) for s in lists] == [(first, "canceled"), (second, "pending")]


async def test_an_order_without_lists_lists_none(core: DepotCore) -> None:
    assert await core.service.list_shopping_lists("nobody") == http.ListShoppingListsResponse(
        shopping_lists=[]
    )


async def test_a_blank_order_id_is_refused_before_any_look_up(core: DepotCore) -> None:
    store = await core.store()
    with pytest.raises(BadRequestError, match=r"^the order id cannot be blank$"):
        await core.create("", (store, "p", 1))
    assert core.requests.asked == []
    assert core.records.rows == {}


async def test_unknown_ids_are_404(core: DepotCore) -> None:
    with pytest.raises(NotFoundError, match=UNKNOWN):
        await core.service.get_shopping_list("nope")
    for change in (
        core.service.cancel_shopping_list("nope"),
        core.service.complete_shopping_list("nope"),
        core.service.assign_shopping_list("nope", http.AssignShoppingListRequest(bot_id="b")),
    ):
        with pytest.raises(NotFoundError, match=UNKNOWN):
            await change


async def test_assign_and_complete_publish_shopping_list_completed(core: DepotCore) -> None:
    list_id = await core.available("order-9")
    body = http.AssignShoppingListRequest(bot_id="bot-7")
    assert await core.service.assign_shopping_list(list_id, body) == Empty()
    shopping = (await core.service.get_shopping_list(list_id)).shopping_list
    assert (shopping.status, shopping.assigned_bot_id) == ("assigned", "bot-7")
    assert core.sink.sent == []
    assert await core.service.complete_shopping_list(list_id) == Empty()
    assert await core.status(list_id) == "completed"
    [sent] = core.sink.sent
    assert (sent.subject, sent.name, sent.message) == (
        depot_subjects.SHOPPING_LIST_EVENTS,
        messages.SHOPPING_LIST_COMPLETED,
        messages.ShoppingListCompleted(id=list_id, order_id="order-9"),
    )


async def test_a_pending_list_cannot_be_assigned_nor_completed(core: DepotCore) -> None:
    store = await core.store()
    list_id = await core.create("order-1", (store, await core.product(store), 1))
    with pytest.raises(BadRequestError, match=r"^the shopping list cannot be assigned$"):
        await core.service.assign_shopping_list(list_id, http.AssignShoppingListRequest(bot_id="b"))
    with pytest.raises(BadRequestError, match=r"^the shopping list cannot be completed$"):
        await core.service.complete_shopping_list(list_id)
    assert await core.status(list_id) == "pending"


async def test_a_completed_list_cannot_be_canceled(core: DepotCore) -> None:
    list_id = await core.available()
    await core.service.assign_shopping_list(list_id, http.AssignShoppingListRequest(bot_id="b"))
    await core.service.complete_shopping_list(list_id)
    with pytest.raises(BadRequestError, match=r"^the shopping list cannot be canceled$"):
        await core.service.cancel_shopping_list(list_id)


async def test_the_saga_creates_initiates_and_cancels(core: DepotCore) -> None:
    store = await core.store()
    wand = await core.product(store)
    command = messages.CreateShoppingList(
        order_id="order-1",
        items=[messages.ShoppingItem(product_id=wand, store_id=store, quantity=2)],
    )
    reply = await core.handlers.create_shopping_list(command)
    assert isinstance(reply, messages.CreatedShoppingList)
    assert await core.handlers.create_shopping_list(command) == reply  # one live list per order
    assert await core.status(reply.id) == "pending"
    assert (
        await core.handlers.initiate_shopping(messages.InitiateShopping(id=reply.id)) == Success()
    )
    assert await core.status(reply.id) == "available"
    with pytest.raises(BadRequestError, match=r"^the shopping list cannot be initiated$"):
        await core.handlers.initiate_shopping(messages.InitiateShopping(id=reply.id))
    cancel = messages.CancelShoppingList(id=reply.id)
    assert await core.handlers.cancel_shopping_list(cancel) == Success()
    assert await core.status(reply.id) == "canceled"
    # Again (the saga compensating after the order was canceled): already where it should be.
    assert await core.handlers.cancel_shopping_list(cancel) == Success()
    assert await core.status(reply.id) == "canceled"


async def test_saga_commands_for_an_unknown_list_are_not_found(core: DepotCore) -> None:
    with pytest.raises(NotFoundError, match=UNKNOWN):
        await core.handlers.initiate_shopping(messages.InitiateShopping(id="nope"))
    with pytest.raises(NotFoundError, match=UNKNOWN):
        await core.handlers.cancel_shopping_list(messages.CancelShoppingList(id="nope"))


def canceled(order_id: str) -> OrderCanceled:
    return OrderCanceled(id=order_id, customer_id="c", payment_id="p", total=10.0)


async def test_a_canceled_order_cancels_its_live_list_only(core: DepotCore) -> None:
    list_id = await core.available("order-1")
    other = await core.available("order-2")
    await core.handlers.on_order_canceled(canceled("order-1"))
    assert await core.status(list_id) == "canceled"
    assert await core.status(other) == "available"


async def test_a_canceled_order_without_a_live_list_changes_nothing(core: DepotCore) -> None:
    await core.handlers.on_order_canceled(canceled("no-list"))
    list_id = await core.available("order-1")
    await core.service.cancel_shopping_list(list_id)
    await core.handlers.on_order_canceled(canceled("order-1"))  # already canceled: no error
    done = await core.available("order-2")
    await core.service.assign_shopping_list(done, http.AssignShoppingListRequest(bot_id="b"))
    await core.service.complete_shopping_list(done)
    await core.handlers.on_order_canceled(canceled("order-2"))  # completed: stays completed
    assert [await core.status(i) for i in (list_id, done)] == ["canceled", "completed"]
