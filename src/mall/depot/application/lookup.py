"""Stores and products for a shopping list: the local caches first, then stores on a miss."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from mall.depot.ports import CachedProduct, CachedStore, ProductCache, StoreCache
from mall.kernel.errors import NotFoundError
from mall_contracts.depot.ports import DepotRequests
from mall_contracts.stores.messages import GetProduct, GetProductReply, GetStore, GetStoreReply

BUILDING = "building shopping list"


@dataclass
class Catalog:
    """The stores and products a list names, and those just fetched from stores (which the
    command's unit of work caches: `StoresCatalog.remember`)."""

    stores: dict[str, CachedStore] = field(default_factory=dict)
    products: dict[str, CachedProduct] = field(default_factory=dict)
    fetched_stores: list[CachedStore] = field(default_factory=list)
    fetched_products: list[CachedProduct] = field(default_factory=list)


class StoresCatalog:
    """Looks stores and products up, each id once: a cache hit is a plain read, a miss asks
    stores. Call `resolve` before the command's unit of work opens (a miss crosses the
    network) and `remember` inside it, so the answers are cached with the list in the same
    transaction. `resolve` raises `NotFoundError` ("building shopping list: ...") when
    stores does not know an id either, and lets the requester's `UnavailableError` through
    when stores does not answer."""

    def __init__(self, stores: StoreCache, products: ProductCache, requests: DepotRequests) -> None:
        self._stores = stores
        self._products = products
        self._requests = requests

    async def resolve(self, store_ids: Iterable[str], product_ids: Iterable[str]) -> Catalog:
        catalog = Catalog()
        for store_id in dict.fromkeys(store_ids):
            catalog.stores[store_id] = await self._store(store_id, catalog)
        for product_id in dict.fromkeys(product_ids):
            catalog.products[product_id] = await self._product(product_id, catalog)
        return catalog

    async def remember(self, catalog: Catalog) -> None:
        """Cache what `resolve` fetched (in the caller's unit of work)."""
        for store in catalog.fetched_stores:
            await self._stores.save(store)
        for product in catalog.fetched_products:
            await self._products.save(product)

    async def _store(self, store_id: str, catalog: Catalog) -> CachedStore:
        cached = await self._stores.find(store_id)
        if cached is not None:
            return cached
        reply = await self._requests.get_store(GetStore(id=store_id))
        if not isinstance(reply, GetStoreReply):
            raise NotFoundError(f"{BUILDING}: store {store_id!r} was not located")
        found = reply.store
        store = CachedStore(found.id, found.name, found.location, found.version)
        catalog.fetched_stores.append(store)
        return store

    async def _product(self, product_id: str, catalog: Catalog) -> CachedProduct:
        cached = await self._products.find(product_id)
        if cached is not None:
            return cached
        reply = await self._requests.get_product(GetProduct(id=product_id))
        if not isinstance(reply, GetProductReply):
            raise NotFoundError(f"{BUILDING}: product {product_id!r} was not located")
        found = reply.product
        product = CachedProduct(found.id, found.store_id, found.name, found.version)
        catalog.fetched_products.append(product)
        return product
