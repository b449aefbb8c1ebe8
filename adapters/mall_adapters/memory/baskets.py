"""In-memory stores and products caches, and a loopback for the stores queries."""

from __future__ import annotations

from dataclasses import replace

from mall.baskets.ports import CachedProduct, CachedStore, ProductCache, StoreCache
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

    async def add(self, store: CachedStore) -> None:
        self.rows.setdefault(store.id, store)

    async def rename(self, store_id: str, name: str) -> None:
        if store_id in self.rows:
            self.rows[store_id] = replace(self.rows[store_id], name=name)


class InMemoryProductCache(ProductCache):
    def __init__(self) -> None:
        self.rows: dict[str, CachedProduct] = {}

    async def find(self, product_id: str) -> CachedProduct | None:
        return self.rows.get(product_id)

    async def add(self, product: CachedProduct) -> None:
        self.rows.setdefault(product.id, replace(product, price=round(product.price, PRICE_DIGITS)))

    async def rename(self, product_id: str, name: str) -> None:
        if product_id in self.rows:
            self.rows[product_id] = replace(self.rows[product_id], name=name)

    async def change_price(self, product_id: str, delta: float) -> None:
        if product_id in self.rows:
            row = self.rows[product_id]
            self.rows[product_id] = replace(row, price=round(row.price + delta, PRICE_DIGITS))

    async def remove(self, product_id: str) -> None:
        self.rows.pop(product_id, None)


class LoopbackStoresRequests(BasketsRequests):
    """Answers the stores queries by calling the stores handlers directly (no broker): unit
    tests wire baskets to the real stores core this way. `asked` lists every query sent, so
    tests can tell a cache hit from a fallback."""

    def __init__(self, stores: StoresHandlers) -> None:
        self._stores = stores
        self.asked: list[messages.GetStore | messages.GetProduct] = []

    async def get_store(self, query: messages.GetStore) -> messages.GetStoreReply | NotFound:
        self.asked.append(query)
        return await self._stores.get_store(query)

    async def get_product(self, query: messages.GetProduct) -> messages.GetProductReply | NotFound:
        self.asked.append(query)
        return await self._stores.get_product(query)
