"""Store Management's read models: the mall (`stores.stores`) and catalog (`stores.products`)."""

from __future__ import annotations

import asyncpg

from mall.stores.ports import CatalogProduct, CatalogReadModel, MallReadModel, MallStore
from mall_adapters.postgres.database import Database

STORE_COLUMNS = "id, name, location, participating"
PRODUCT_COLUMNS = "id, store_id, name, description, sku, price::float8 AS price"


def _store(row: asyncpg.Record) -> MallStore:
    return MallStore(row["id"], row["name"], row["location"], row["participating"])


def _product(row: asyncpg.Record) -> CatalogProduct:
    return CatalogProduct(
        row["id"], row["store_id"], row["name"], row["description"], row["sku"], row["price"]
    )


class PostgresMallReadModel(MallReadModel):
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, store: MallStore) -> None:
        await self._db.connection().execute(
            "INSERT INTO stores.stores (id, name, location, participating) VALUES ($1, $2, $3, $4)"
            " ON CONFLICT (id) DO NOTHING",
            store.id,
            store.name,
            store.location,
            store.participating,
        )

    async def set_participating(self, store_id: str, participating: bool) -> None:
        await self._db.connection().execute(
            "UPDATE stores.stores SET participating = $2 WHERE id = $1", store_id, participating
        )

    async def rename(self, store_id: str, name: str) -> None:
        await self._db.connection().execute(
            "UPDATE stores.stores SET name = $2 WHERE id = $1", store_id, name
        )

    async def find(self, store_id: str) -> MallStore | None:
        row = await self._db.connection().fetchrow(
            f"SELECT {STORE_COLUMNS} FROM stores.stores WHERE id = $1", store_id
        )
        return None if row is None else _store(row)

    async def all(self) -> list[MallStore]:
        rows = await self._db.connection().fetch(
            f"SELECT {STORE_COLUMNS} FROM stores.stores ORDER BY name, id"
        )
        return [_store(r) for r in rows]

    async def participating(self) -> list[MallStore]:
        rows = await self._db.connection().fetch(
            f"SELECT {STORE_COLUMNS} FROM stores.stores WHERE participating ORDER BY name, id"
        )
        return [_store(r) for r in rows]


class PostgresCatalogReadModel(CatalogReadModel):
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, product: CatalogProduct) -> None:
        await self._db.connection().execute(
            "INSERT INTO stores.products (id, store_id, name, description, sku, price)"
            " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
            product.id,
            product.store_id,
            product.name,
            product.description,
            product.sku,
            product.price,
        )

    async def rebrand(self, product_id: str, name: str, description: str) -> None:
        await self._db.connection().execute(
            "UPDATE stores.products SET name = $2, description = $3 WHERE id = $1",
            product_id,
            name,
            description,
        )

    async def change_price(self, product_id: str, delta: float) -> None:
        await self._db.connection().execute(
            "UPDATE stores.products SET price = price + $2 WHERE id = $1", product_id, delta
        )

    async def remove(self, product_id: str) -> None:
        await self._db.connection().execute("DELETE FROM stores.products WHERE id = $1", product_id)

    async def find(self, product_id: str) -> CatalogProduct | None:
        row = await self._db.connection().fetchrow(
            f"SELECT {PRODUCT_COLUMNS} FROM stores.products WHERE id = $1", product_id
        )
        return None if row is None else _product(row)

    async def of_store(self, store_id: str) -> list[CatalogProduct]:
        rows = await self._db.connection().fetch(
            f"SELECT {PRODUCT_COLUMNS} FROM stores.products WHERE store_id = $1 ORDER BY name, id",
            store_id,
        )
        return [_product(r) for r in rows]
