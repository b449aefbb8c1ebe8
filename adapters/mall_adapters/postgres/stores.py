"""Store Management's read models: the mall (`stores.stores`) and catalog (`stores.products`)."""

from __future__ import annotations

import asyncpg

from mall.stores.ports import CatalogProduct, CatalogReadModel, MallReadModel, MallStore
from mall_adapters.postgres.database import Database

STORE_COLUMNS = "id, name, location, participating, version"
PRODUCT_COLUMNS = "id, store_id, name, description, sku, price::float8 AS price, version"


def _store(row: asyncpg.Record) -> MallStore:
    return MallStore(row["id"], row["name"], row["location"], row["participating"], row["version"])


def _product(row: asyncpg.Record) -> CatalogProduct:
    return CatalogProduct(
        row["id"],
        row["store_id"],
        row["name"],
        row["description"],
        row["sku"],
        row["price"],
        row["version"],
    )


class PostgresMallReadModel(MallReadModel):
    def __init__(self, db: Database) -> None:
        self._db = db

    async def save(self, store: MallStore) -> None:
        await self._db.connection().execute(
            "INSERT INTO stores.stores (id, name, location, participating, version)"
            " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
            " location = excluded.location, participating = excluded.participating,"
            " version = excluded.version",
            store.id,
            store.name,
            store.location,
            store.participating,
            store.version,
        )

    async def find(self, store_id: str) -> MallStore | None:
        row = await self._db.fetchrow(
            f"SELECT {STORE_COLUMNS} FROM stores.stores WHERE id = $1", store_id
        )
        return None if row is None else _store(row)

    async def all(self) -> list[MallStore]:
        rows = await self._db.fetch(f"SELECT {STORE_COLUMNS} FROM stores.stores ORDER BY name, id")
        return [_store(r) for r in rows]

    async def participating(self) -> list[MallStore]:
        rows = await self._db.fetch(
            f"SELECT {STORE_COLUMNS} FROM stores.stores WHERE participating ORDER BY name, id"
        )
        return [_store(r) for r in rows]


class PostgresCatalogReadModel(CatalogReadModel):
    def __init__(self, db: Database) -> None:
        self._db = db

    async def save(self, product: CatalogProduct) -> None:
        await self._db.connection().execute(
            "INSERT INTO stores.products (id, store_id, name, description, sku, price, version)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE SET"
            " store_id = excluded.store_id, name = excluded.name,"
            " description = excluded.description, sku = excluded.sku, price = excluded.price,"
            " version = excluded.version",
            product.id,
            product.store_id,
            product.name,
            product.description,
            product.sku,
            product.price,
            product.version,
        )

    async def remove(self, product_id: str) -> None:
        await self._db.connection().execute("DELETE FROM stores.products WHERE id = $1", product_id)

    async def find(self, product_id: str) -> CatalogProduct | None:
        row = await self._db.fetchrow(
            f"SELECT {PRODUCT_COLUMNS} FROM stores.products WHERE id = $1", product_id
        )
        return None if row is None else _product(row)

    async def of_store(self, store_id: str) -> list[CatalogProduct]:
        rows = await self._db.fetch(
            f"SELECT {PRODUCT_COLUMNS} FROM stores.products WHERE store_id = $1 ORDER BY name, id",
            store_id,
        )
        return [_product(r) for r in rows]
