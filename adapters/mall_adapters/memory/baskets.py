"""In-memory stores and products caches, and a loopback for the stores queries."""

from __future__ import annotations

from dataclasses import replace

from mall.baskets.ports import CachedProduct, CachedStore, ProductCache, StoreCache
from mall_adapters.reliability.guard import forbid_network_io
from mall_contracts.baskets.ports import BasketsRequests
from mall_contracts.common.messages import NotFound
from mall_contracts.stores import messages
from mall_contracts.stores.ports import StoresHandlers

PRICE_DIGITS = 4  # as numeric(12,4) in PostgreSQL


class InMemoryStoreCache(StoreCache):
    def __init__(self) -> None:
        self.rows: dict[str, CachedStore] = {}

    async def find(self, store_id: str) -> CachedStore | None:
        return self.rows.get(store_id)

    async def save(self, store: CachedStore) -> None:
        if _older(self.rows.get(store.id), store.version):
            self.rows[store.id] = store


class InMemoryProductCache(ProductCache):
    def __init__(self) -> None:
        self.rows: dict[str, CachedProduct] = {}

    async def find(self, product_id: str) -> CachedProduct | None:
        return self.rows.get(product_id)

    async def save(self, product: CachedProduct) -> None:
        if _older(self.rows.get(product.id), product.version):
            self.rows[product.id] = replace(product, price=round(product.price, PRICE_DIGITS))

    async def rename(self, product_id: str, name: str, version: int) -> None:
        row = self.rows.get(product_id)
        if row is not None and row.version < version:
            self.rows[product_id] = replace(row, name=name, version=version)

    async def reprice(self, product_id: str, price: float, version: int) -> None:
        row = self.rows.get(product_id)
        if row is not None and row.version < version:
            self.rows[product_id] = replace(row, price=round(price, PRICE_DIGITS), version=version)

    async def remove(self, product_id: str, version: int) -> None:
        row = self.rows.get(product_id)
        if row is not None and row.version < version:
            del self.rows[product_id]


def _older(row: CachedStore | CachedProduct | None, version: int) -> bool:
    return row is None or row.version < version


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
