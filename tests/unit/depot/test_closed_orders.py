"""A rejected or canceled order is closed: depot never leaves it a live shopping list, and
builds or initiates none for it, whatever order the close and the saga's commands arrive in."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mall.depot.domain.closed_order import ClosedOrder, CloseReason
from mall.depot.domain.shopping_list import ShoppingList
from mall.kernel.errors import BadRequestError
from mall_contracts.common.messages import NotFound
from mall_contracts.depot import http, messages
from mall_contracts.ordering.messages import OrderCanceled, OrderRejected
from mall_contracts.stores import messages as stores_messages
from tests.unit.depot.conftest import DepotCore

CLOSED = r"^the order is closed$"
CLOSED_AT = datetime(2026, 1, 1, tzinfo=UTC)  # the core's fixed clock


def rejected(order_id: str = "order-1") -> OrderRejected:
    return OrderRejected(id=order_id, customer_id="c", payment_id="p")


def canceled(order_id: str = "order-1") -> OrderCanceled:
    return OrderCanceled(id=order_id, customer_id="c", payment_id="p", total=10.0)


async def create_command(core: DepotCore, order_id: str = "order-1") -> messages.CreateShoppingList:
    """The saga's CreateShoppingList for one product of a new store."""
    store = await core.store()
    item = messages.ShoppingItem(product_id=await core.product(store), store_id=store, quantity=1)
    return messages.CreateShoppingList(order_id=order_id, items=[item])


async def live_lists(core: DepotCore, order_id: str = "order-1") -> list[str]:
    return [s.id for s in await core.records.for_order(order_id) if s.live]


async def close(core: DepotCore, reason: CloseReason, order_id: str = "order-1") -> None:
    """Ordering's event for `reason`, handed to depot as its order events consumer would."""
    if reason is CloseReason.REJECTED:
        await core.handlers.on_order_rejected(rejected(order_id))
    else:
        await core.handlers.on_order_canceled(canceled(order_id))


@pytest.mark.parametrize("reason", list(CloseReason), ids=lambda r: r.value)
async def test_a_create_after_the_close_is_refused_and_builds_nothing(
    core: DepotCore, reason: CloseReason
) -> None:
    command = await create_command(core)
    await close(core, reason)
    with pytest.raises(BadRequestError, match=CLOSED):
        await core.handlers.create_shopping_list(command)
    assert core.records.rows == {}
    assert core.requests.asked == []  # refused before any look-up
    assert core.closed_orders.rows == {"order-1": ClosedOrder("order-1", reason, CLOSED_AT)}


@pytest.mark.parametrize("reason", list(CloseReason), ids=lambda r: r.value)
async def test_a_close_after_the_create_cancels_the_list_and_refuses_another(
    core: DepotCore, reason: CloseReason
) -> None:
    command = await create_command(core)
    created = await core.handlers.create_shopping_list(command)
    await close(core, reason)
    assert await core.status(created.id) == "canceled"
    with pytest.raises(BadRequestError, match=CLOSED):  # a redelivered create: no new list
        await core.handlers.create_shopping_list(command)
    assert [s.id for s in await core.records.for_order("order-1")] == [created.id]


async def test_the_rest_create_is_refused_for_a_closed_order_too(core: DepotCore) -> None:
    store = await core.store()
    product = await core.product(store)
    await core.handlers.on_order_canceled(canceled())
    with pytest.raises(BadRequestError, match=CLOSED):
        await core.create("order-1", (store, product, 1))
    assert await core.service.list_shopping_lists("order-1") == http.ListShoppingListsResponse(
        shopping_lists=[]
    )


async def test_a_close_during_the_creates_look_up_refuses_it_in_its_unit_of_work(
    core: DepotCore,
) -> None:
    """The order closes after the create checked it (before the look-up) and before the
    create's unit of work: the check under the order's lock refuses it."""
    command = await create_command(core)
    look_up = core.requests.get_product

    async def closing_meanwhile(
        query: stores_messages.GetProduct,
    ) -> stores_messages.GetProductReply | NotFound:
        await core.handlers.on_order_canceled(canceled())
        return await look_up(query)

    core.requests.get_product = closing_meanwhile  # type: ignore[method-assign]
    with pytest.raises(BadRequestError, match=CLOSED):
        await core.handlers.create_shopping_list(command)
    assert core.records.rows == {}
    assert [type(q) for q in core.requests.asked] == [
        stores_messages.GetStore,
        stores_messages.GetProduct,
    ]


async def test_closing_twice_keeps_the_first_closing(core: DepotCore) -> None:
    created = await core.handlers.create_shopping_list(await create_command(core))
    await core.handlers.on_order_rejected(rejected())
    await core.handlers.on_order_rejected(rejected())  # redelivered
    await core.handlers.on_order_canceled(canceled())  # another reason: the first stands
    assert core.closed_orders.rows == {
        "order-1": ClosedOrder("order-1", CloseReason.REJECTED, CLOSED_AT)
    }
    assert await core.status(created.id) == "canceled"
    assert await live_lists(core) == []


async def test_closing_an_order_closes_that_order_only(core: DepotCore) -> None:
    other = await core.handlers.create_shopping_list(await create_command(core, "order-2"))
    await core.handlers.on_order_canceled(canceled("order-1"))
    assert await core.status(other.id) == "pending"
    created = await core.handlers.create_shopping_list(await create_command(core, "order-3"))
    assert await core.status(created.id) == "pending"
    assert list(core.closed_orders.rows) == ["order-1"]


async def test_a_completed_list_stays_completed_when_its_order_closes(core: DepotCore) -> None:
    done = await core.available("order-1")
    await core.service.assign_shopping_list(done, http.AssignShoppingListRequest(bot_id="b"))
    await core.service.complete_shopping_list(done)
    await core.handlers.on_order_canceled(canceled())
    assert await core.status(done) == "completed"
    assert "order-1" in core.closed_orders.rows


async def test_initiating_a_list_of_a_closed_order_fails(core: DepotCore) -> None:
    created = await core.handlers.create_shopping_list(await create_command(core))
    await core.handlers.on_order_canceled(canceled())
    with pytest.raises(BadRequestError, match=CLOSED):
        await core.handlers.initiate_shopping(messages.InitiateShopping(id=created.id))
    assert await core.status(created.id) == "canceled"


async def test_the_closed_order_alone_refuses_the_initiate(core: DepotCore) -> None:
    """A pending list whose order is closed (the close's cancel aside) is not initiated."""
    await core.records.save(ShoppingList.create("list-1", "order-1", []))
    await core.closed_orders.close(ClosedOrder("order-1", CloseReason.REJECTED, CLOSED_AT))
    with pytest.raises(BadRequestError, match=CLOSED):
        await core.handlers.initiate_shopping(messages.InitiateShopping(id="list-1"))
    assert await core.status("list-1") == "pending"
