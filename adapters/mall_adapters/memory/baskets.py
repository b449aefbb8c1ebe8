"""In-memory stores and products caches, and a loopback for the stores queries."""

from __future__ import annotations

from dataclasses import replace

from mall.baskets.ports import CachedProduct, CachedStore, ProductCache, StoreCache
from mall_adapters.memory.versioned_cache import InMemoryVersionedCache
from mall_adapters.reliability.guard import forbid_network_io
from mall_contracts.baskets.ports import BasketsRequests
from mall_contracts.common.messages import NotFound
from mall_contracts.stores import messages
from mall_contracts.stores.ports import StoresHandlers

PRICE_DIGITS = 4  # as numeric(12,4) in PostgreSQL


class InMemoryStoreCache(InMemoryVersionedCache[CachedStore], StoreCache):
    pass


class InMemoryProductCache(InMemoryVersionedCache[CachedProduct], ProductCache):
    def stored(self, entry: CachedProduct) -> CachedProduct:
        return replace(entry, price=round(entry.price, PRICE_DIGITS))

    async def rename(self, product_id: str, name: str, version: int) -> None:
        await self.update_if_older(product_id, version, name=name)

    async def reprice(self, product_id: str, price: float, version: int) -> None:
        await self.update_if_older(product_id, version, price=price)

    async def remove(self, product_id: str, version: int) -> None:
        await self.delete_if_older(product_id, version)


class LoopbackStoresRequests(BasketsRequests):
    """Answers the stores queries by calling the stores handlers directly (no broker): unit
    tests wire baskets to the real stores core this way. `asked` lists every query sent, so
    tests can tell a cache hit from a fallback. Like a real request it refuses to run while a
    transaction is open."""

    def __init__(self, stores: StoresHandlers) -> None:
        self._stores = stores
        self.asked: list[messages.GetStore | messages.GetProduct] = []

    async def get_store(self, query: messages.GetStore) -> messages.GetStoreReply | NotFound:
        forbid_network_io("GetStore")
        self.asked.append(query)
        return await self._stores.get_store(query)

    async def get_product(self, query: messages.GetProduct) -> messages.GetProductReply | NotFound:
        forbid_network_io("GetProduct")
        self.asked.append(query)
        return await self._stores.get_product(query)
