"""`DepotPolicies`: the saga's commands, and the stores and ordering events depot consumes.

The stores events carry state and the stores version, so the caches keep the newest version
whatever order the events arrive in. A rejected or canceled order is closed (`CloseOrder`), so
a CreateShoppingList that arrives after it creates nothing. Each handler writes in one unit of
work (which the inbox makes idempotent); a command's unit of work returns its reply.
"""

from __future__ import annotations

from mall.depot.application.closing import CloseOrder
from mall.depot.application.commands import (
    CancelShoppingList,
    CreateShoppingList,
    InitiateShopping,
)
from mall.depot.domain.closed_order import CloseReason
from mall.depot.ports import CachedProduct, CachedStore, ProductCache, StoreCache
from mall.kernel.unit_of_work import UnitOfWork
from mall_contracts.common.messages import Success
from mall_contracts.depot import messages
from mall_contracts.depot.ports import DepotHandlers
from mall_contracts.ordering.messages import OrderCanceled, OrderRejected
from mall_contracts.stores import messages as stores


class DepotPolicies(DepotHandlers):
    def __init__(
        self,
        uow: UnitOfWork,
        stores: StoreCache,
        products: ProductCache,
        create: CreateShoppingList,
        initiate: InitiateShopping,
        cancel: CancelShoppingList,
        close_order: CloseOrder,
    ) -> None:
        self._uow = uow
        self._stores = stores
        self._products = products
        self._create = create
        self._initiate = initiate
        self._cancel = cancel
        self._close_order = close_order

    async def create_shopping_list(
        self, command: messages.CreateShoppingList
    ) -> messages.CreatedShoppingList:
        return await self._create.command(command)

    async def initiate_shopping(self, command: messages.InitiateShopping) -> Success:
        await self._initiate(command.id)
        return Success()

    async def cancel_shopping_list(self, command: messages.CancelShoppingList) -> Success:
        await self._cancel.compensate(command.id)
        return Success()

    async def on_order_rejected(self, message: OrderRejected) -> None:
        await self._close_order(message.id, CloseReason.REJECTED)

    async def on_order_canceled(self, message: OrderCanceled) -> None:
        await self._close_order(message.id, CloseReason.CANCELED)

    async def on_store_created(self, message: stores.StoreCreated) -> None:
        store = CachedStore(message.id, message.name, message.location, message.version)
        await self._uow.run(lambda: self._stores.save(store))

    async def on_store_rebranded(self, message: stores.StoreRebranded) -> None:
        await self._uow.run(lambda: self._stores.rename(message.id, message.name, message.version))

    async def on_product_added(self, message: stores.ProductAdded) -> None:
        product = CachedProduct(message.id, message.store_id, message.name, message.version)
        await self._uow.run(lambda: self._products.save(product))

    async def on_product_rebranded(self, message: stores.ProductRebranded) -> None:
        await self._uow.run(
            lambda: self._products.rename(message.id, message.name, message.version)
        )

    async def on_product_removed(self, message: stores.ProductRemoved) -> None:
        await self._uow.run(lambda: self._products.remove(message.id, message.version))
