"""Stores and products for basket lines: the local caches first, then stores on a miss."""

from __future__ import annotations

from mall.baskets.ports import CachedProduct, CachedStore, ProductCache, StoreCache
from mall.kernel.errors import NotFoundError
from mall.kernel.unit_of_work import UnitOfWork
from mall_contracts.baskets.ports import BasketsRequests
from mall_contracts.stores.messages import GetProduct, GetProductReply, GetStore, GetStoreReply

PRODUCT_NOT_LOCATED = "product fallback failed: product was not located"
STORE_NOT_LOCATED = "store fallback failed: store was not located"


class CatalogLookup:
    """Reads a cache; on a miss asks stores, caches the answer (a unit of work of its own)
    and returns it. Call it before the command's unit of work opens: a miss crosses the
    network. Raises `NotFoundError` when stores does not know the id either, and lets the
    requester's `UnavailableError` through when stores does not answer."""

    def __init__(
        self,
        uow: UnitOfWork,
        stores: StoreCache,
        products: ProductCache,
        requests: BasketsRequests,
    ) -> None:
        self._uow = uow
        self._stores = stores
        self._products = products
        self._requests = requests

    async def product(self, product_id: str) -> CachedProduct:
        cached = await self._products.find(product_id)
        if cached is not None:
            return cached
        reply = await self._requests.get_product(GetProduct(id=product_id))
        if not isinstance(reply, GetProductReply):
            raise NotFoundError(PRODUCT_NOT_LOCATED)
        found = reply.product
        product = CachedProduct(found.id, found.store_id, found.name, found.price, found.version)
        await self._uow.run(lambda: self._products.save(product))
        return product

    async def store(self, store_id: str) -> CachedStore:
        cached = await self._stores.find(store_id)
        if cached is not None:
            return cached
        reply = await self._requests.get_store(GetStore(id=store_id))
        if not isinstance(reply, GetStoreReply):
            raise NotFoundError(STORE_NOT_LOCATED)
        store = CachedStore(reply.store.id, reply.store.name, reply.store.version)
        await self._uow.run(lambda: self._stores.save(store))
        return store
