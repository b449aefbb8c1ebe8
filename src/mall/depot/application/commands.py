"""Command handlers of Depot, one per REST command; the saga's commands use them too."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from mall.depot.application.lookup import StoresCatalog
from mall.depot.domain.closed_order import ensure_open
from mall.depot.domain.shopping_list import ListLine, ShoppingList
from mall.depot.ports import ClosedOrders, ShoppingListRepository
from mall.kernel.commands import AggregateCommand
from mall.kernel.errors import BadRequestError
from mall.kernel.ports import IdGenerator
from mall.kernel.repository import load_existing
from mall.kernel.unit_of_work import UnitOfWork
from mall_contracts.common.http import Empty
from mall_contracts.depot import http, messages

R = TypeVar("R")

SHOPPING_LIST_NOT_FOUND = "shopping list with that ID does not exist"


@dataclass(frozen=True)
class RequestedItem:
    product_id: str
    store_id: str
    quantity: int


def order_key(order_id: str) -> str:
    """The unit-of-work key of an order's lists (creates and the closing of one order queue)."""
    return f"depot.ShoppingList/order/{order_id}"


class CreateShoppingList:
    """Builds an order's list: looks its stores and products up first (a cache miss asks
    stores, outside the unit of work), then saves the list and caches what was fetched in
    one unit of work whose value is `respond(list id)`. An order has at most one live list:
    while it has one, that list's id is answered and nothing is built. A closed order gets
    nothing: `BadRequestError(ORDER_CLOSED)`, checked before the look-ups and again under the
    order's lock in the unit of work that would insert the list (`ClosedOrders`)."""

    def __init__(
        self,
        uow: UnitOfWork,
        lists: ShoppingListRepository,
        closed: ClosedOrders,
        catalog: StoresCatalog,
        ids: IdGenerator,
    ) -> None:
        self._uow = uow
        self._lists = lists
        self._closed = closed
        self._catalog = catalog
        self._ids = ids

    async def __call__(
        self, body: http.CreateShoppingListRequest
    ) -> http.CreateShoppingListResponse:
        items = [RequestedItem(i.product_id, i.store_id, i.quantity) for i in body.items]
        return await self.build(
            body.order_id, items, lambda id_: http.CreateShoppingListResponse(id=id_)
        )

    async def command(self, command: messages.CreateShoppingList) -> messages.CreatedShoppingList:
        """The saga's CreateShoppingList; the value is the reply."""
        items = [RequestedItem(i.product_id, i.store_id, i.quantity) for i in command.items]
        return await self.build(
            command.order_id, items, lambda id_: messages.CreatedShoppingList(id=id_)
        )

    async def build(
        self, order_id: str, items: Sequence[RequestedItem], respond: Callable[[str], R]
    ) -> R:
        if not order_id.strip():
            raise BadRequestError("the order id cannot be blank")
        ensure_open(await self._closed.find(order_id))  # no look-up for a closed order
        existing = await self._live_list(order_id)
        if existing is not None:
            return respond(existing)
        catalog = await self._catalog.resolve(
            (item.store_id for item in items), (item.product_id for item in items)
        )
        lines = []
        for item in items:
            store, product = catalog.stores[item.store_id], catalog.products[item.product_id]
            lines.append(
                ListLine(
                    store.id, store.name, store.location, product.id, product.name, item.quantity
                )
            )
        shopping = ShoppingList.create(self._ids.new_id(), order_id, lines)

        async def save() -> R:
            ensure_open(await self._closed.lock(order_id))  # it may have closed meanwhile
            live = await self._live_list(order_id)  # another request may have built it
            if live is not None:
                return respond(live)
            await self._catalog.remember(catalog)
            await self._lists.save(shopping)
            return respond(shopping.id)

        return await self._uow.run(save, key=order_key(order_id))

    async def _live_list(self, order_id: str) -> str | None:
        lists = await self._lists.for_order(order_id)
        return next((shopping.id for shopping in lists if shopping.live), None)


class _ShoppingListChange(AggregateCommand[ShoppingList]):
    MISSING = SHOPPING_LIST_NOT_FOUND


class InitiateShopping:
    """Makes a pending list available to bots, unless its order is closed
    (`BadRequestError(ORDER_CLOSED)`; closing cancels the list anyway, and a close that
    commits first makes this unit of work conflict on the list's version and run again)."""

    def __init__(
        self, uow: UnitOfWork, lists: ShoppingListRepository, closed: ClosedOrders
    ) -> None:
        self._uow = uow
        self._lists = lists
        self._closed = closed

    async def __call__(self, list_id: str) -> Empty:
        async def initiate() -> None:
            shopping = await load_existing(self._lists, list_id, SHOPPING_LIST_NOT_FOUND)
            ensure_open(await self._closed.find(shopping.order_id))
            shopping.initiate()
            await self._lists.save(shopping)

        await self._uow.run(initiate, key=list_id)
        return Empty()


class AssignShoppingList(_ShoppingListChange):
    async def __call__(self, list_id: str, body: http.AssignShoppingListRequest) -> Empty:
        await self.change(list_id, lambda shopping: shopping.assign(body.bot_id))
        return Empty()


class CompleteShoppingList(_ShoppingListChange):
    async def __call__(self, list_id: str) -> Empty:
        await self.change(list_id, ShoppingList.complete)
        return Empty()


class CancelShoppingList(_ShoppingListChange):
    async def __call__(self, list_id: str) -> Empty:
        await self.change(list_id, ShoppingList.cancel)
        return Empty()

    async def compensate(self, list_id: str) -> None:
        await self.change(list_id, ShoppingList.withdraw)
