"""Baskets' local caches: `baskets.stores_cache` and `baskets.products_cache`."""

from __future__ import annotations

from mall.baskets.ports import CachedProduct, CachedStore, ProductCache, StoreCache
from mall_adapters.postgres.database import Database


class PostgresStoreCache(StoreCache):
    def __init__(self, db: Database) -> None:
        self._db = db

    async def find(self, store_id: str) -> CachedStore | None:
        row = await self._db.connection().fetchrow(
            "SELECT id, name FROM baskets.stores_cache WHERE id = $1", store_id
        )
        return None if row is None else CachedStore(row["id"], row["name"])

    async def add(self, store: CachedStore) -> None:
        # An event and a fallback may both add the same store; the first one wins.
        await self._db.connection().execute(
            "INSERT INTO baskets.stores_cache (id, name) VALUES ($1, $2)"
            " ON CONFLICT (id) DO NOTHING",
            store.id,
            store.name,
        )

    async def rename(self, store_id: str, name: str) -> None:
        await self._db.connection().execute(
            "UPDATE baskets.stores_cache SET name = $2 WHERE id = $1", store_id, name
        )


class PostgresProductCache(ProductCache):
    def __init__(self, db: Database) -> None:
        self._db = db

    async def find(self, product_id: str) -> CachedProduct | None:
        row = await self._db.connection().fetchrow(
            "SELECT id, store_id, name, price::float8 AS price FROM baskets.products_cache"
            " WHERE id = $1",
            product_id,
        )
        if row is None:
            return None
        return CachedProduct(row["id"], row["store_id"], row["name"], row["price"])

    async def add(self, product: CachedProduct) -> None:
        await self._db.connection().execute(
            "INSERT INTO baskets.products_cache (id, store_id, name, price)"
            " VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING",
            product.id,
            product.store_id,
            product.name,
            product.price,
        )

    async def rename(self, product_id: str, name: str) -> None:
        await self._db.connection().execute(
            "UPDATE baskets.products_cache SET name = $2 WHERE id = $1", product_id, name
        )

    async def change_price(self, product_id: str, delta: float) -> None:
        # Added in SQL, so concurrent deltas cannot overwrite each other.
        await self._db.connection().execute(
            "UPDATE baskets.products_cache SET price = price + $2 WHERE id = $1",
            product_id,
            delta,
        )

    async def remove(self, product_id: str) -> None:
        await self._db.connection().execute(
            "DELETE FROM baskets.products_cache WHERE id = $1", product_id
        )
