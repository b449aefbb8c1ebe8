"""Baskets' local caches: `baskets.stores_cache` and `baskets.products_cache`.

Every write is guarded by `version < $new`: an event or fallback that is not newer than the
entry changes nothing, whatever order they arrive in.
"""

from __future__ import annotations

from mall.baskets.ports import CachedProduct, CachedStore, ProductCache, StoreCache
from mall_adapters.postgres.database import Database


class PostgresStoreCache(StoreCache):
    def __init__(self, db: Database) -> None:
        self._db = db

    async def find(self, store_id: str) -> CachedStore | None:
        row = await self._db.fetchrow(
            "SELECT id, name, version FROM baskets.stores_cache WHERE id = $1", store_id
        )
        return None if row is None else CachedStore(row["id"], row["name"], row["version"])

    async def save(self, store: CachedStore) -> None:
        await self._db.connection().execute(
            "INSERT INTO baskets.stores_cache AS c (id, name, version) VALUES ($1, $2, $3)"
            " ON CONFLICT (id) DO UPDATE SET name = excluded.name, version = excluded.version"
            " WHERE c.version < excluded.version",
            store.id,
            store.name,
            store.version,
        )


class PostgresProductCache(ProductCache):
    def __init__(self, db: Database) -> None:
        self._db = db

    async def find(self, product_id: str) -> CachedProduct | None:
        row = await self._db.fetchrow(
            "SELECT id, store_id, name, price::float8 AS price, version"
            " FROM baskets.products_cache WHERE id = $1",
            product_id,
        )
        if row is None:
            return None
        return CachedProduct(row["id"], row["store_id"], row["name"], row["price"], row["version"])

    async def save(self, product: CachedProduct) -> None:
        await self._db.connection().execute(
            "INSERT INTO baskets.products_cache AS c (id, store_id, name, price, version)"
            " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE SET"
            " store_id = excluded.store_id, name = excluded.name, price = excluded.price,"
            " version = excluded.version WHERE c.version < excluded.version",
            product.id,
            product.store_id,
            product.name,
            product.price,
            product.version,
        )

    async def rename(self, product_id: str, name: str, version: int) -> None:
        await self._db.connection().execute(
            "UPDATE baskets.products_cache SET name = $2, version = $3"
            " WHERE id = $1 AND version < $3",
            product_id,
            name,
            version,
        )

    async def reprice(self, product_id: str, price: float, version: int) -> None:
        await self._db.connection().execute(
            "UPDATE baskets.products_cache SET price = $2, version = $3"
            " WHERE id = $1 AND version < $3",
            product_id,
            price,
            version,
        )

    async def remove(self, product_id: str, version: int) -> None:
        await self._db.connection().execute(
            "DELETE FROM baskets.products_cache WHERE id = $1 AND version < $2",
            product_id,
            version,
        )
