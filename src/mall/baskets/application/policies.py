"""`BasketsPolicies`: keep the stores and products caches in step with stores' events.

The events carry state and the stores version, so each handler writes state (a new price,
not a delta) and the caches keep the newest version: handling is order- and repeat-proof.
"""

from __future__ import annotations

from mall.baskets.ports import CachedProduct, CachedStore, ProductCache, StoreCache
from mall.kernel.unit_of_work import UnitOfWork
from mall_contracts.baskets.ports import BasketsHandlers
from mall_contracts.stores import messages


class BasketsPolicies(BasketsHandlers):
    def __init__(self, uow: UnitOfWork, stores: StoreCache, products: ProductCache) -> None:
        self._uow = uow
        self._stores = stores
        self._products = products

    async def on_store_created(self, message: messages.StoreCreated) -> None:
        store = CachedStore(message.id, message.name, message.version)
        await self._uow.run(lambda: self._stores.save(store))

    async def on_store_rebranded(self, message: messages.StoreRebranded) -> None:
        store = CachedStore(message.id, message.name, message.version)
        await self._uow.run(lambda: self._stores.save(store))

    async def on_product_added(self, message: messages.ProductAdded) -> None:
        product = CachedProduct(
            message.id, message.store_id, message.name, message.price, message.version
        )
        await self._uow.run(lambda: self._products.save(product))

    async def on_product_rebranded(self, message: messages.ProductRebranded) -> None:
        await self._uow.run(
            lambda: self._products.rename(message.id, message.name, message.version)
        )

    async def on_product_price_increased(self, message: messages.ProductPriceChanged) -> None:
        await self._uow.run(
            lambda: self._products.reprice(message.id, message.price, message.version)
        )

    async def on_product_price_decreased(self, message: messages.ProductPriceChanged) -> None:
        await self._uow.run(
            lambda: self._products.reprice(message.id, message.price, message.version)
        )

    async def on_product_removed(self, message: messages.ProductRemoved) -> None:
        await self._uow.run(lambda: self._products.remove(message.id, message.version))
