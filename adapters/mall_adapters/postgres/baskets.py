"""Baskets' local caches: `baskets.stores_cache` and `baskets.products_cache`."""

from __future__ import annotations

from mall.baskets.ports import CachedProduct, CachedStore, ProductCache, StoreCache
from mall_adapters.postgres.versioned_cache import CacheTable, PostgresVersionedCache

STORES = CacheTable("baskets.stores_cache", CachedStore, ("id", "name", "version"))
PRODUCTS = CacheTable(
    "baskets.products_cache",
    CachedProduct,
    ("id", "store_id", "name", "price", "version"),
    casts={"price": "float8"},
)


class PostgresStoreCache(PostgresVersionedCache[CachedStore], StoreCache):
    table = STORES


class PostgresProductCache(PostgresVersionedCache[CachedProduct], ProductCache):
    table = PRODUCTS

    async def rename(self, product_id: str, name: str, version: int) -> None:
        await self.update_if_older(product_id, version, name=name)

    async def reprice(self, product_id: str, price: float, version: int) -> None:
        await self.update_if_older(product_id, version, price=price)

    async def remove(self, product_id: str, version: int) -> None:
        await self.delete_if_older(product_id, version)
