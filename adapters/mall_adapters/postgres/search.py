"""Search's caches (`search.customers_cache`, `stores_cache`, `products_cache`) and its
orders read model (`search.orders`).

Status writes are guarded by `progress < $new` (as cache writes are by `version < $new`), so
late, repeated or reordered messages never undo newer state.
"""

from __future__ import annotations

from typing import Any

import asyncpg
import msgspec

from mall.search.domain.status import OrderStatus
from mall.search.ports import (
    CachedCustomer,
    CachedProduct,
    CachedStore,
    CustomerCache,
    OrderFilters,
    OrderLine,
    OrderReadModel,
    Position,
    ProductCache,
    SearchedOrder,
    StoreCache,
)
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.versioned_cache import CacheTable, PostgresVersionedCache

CUSTOMERS = CacheTable("search.customers_cache", CachedCustomer, ("id", "name", "version"))
STORES = CacheTable("search.stores_cache", CachedStore, ("id", "name", "version"))
PRODUCTS = CacheTable(
    "search.products_cache",
    CachedProduct,
    ("id", "store_id", "name", "version"),
    hidden=("removed",),
)


class PostgresCustomerCache(PostgresVersionedCache[CachedCustomer], CustomerCache):
    table = CUSTOMERS


class PostgresStoreCache(PostgresVersionedCache[CachedStore], StoreCache):
    table = STORES


class PostgresProductCache(PostgresVersionedCache[CachedProduct], ProductCache):
    """A removed product keeps its row, marked `removed` (until a newer save)."""

    table = PRODUCTS

    async def rename(self, product_id: str, name: str, version: int) -> None:
        await self.update_if_older(product_id, version, name=name)

    async def remove(self, product_id: str, version: int) -> None:
        await self.update_if_older(product_id, version, removed=True)


class ItemRow(msgspec.Struct, frozen=True, rename="camel"):
    """One element of `search.orders.items`."""

    product_id: str
    store_id: str
    product_name: str
    store_name: str
    price: float
    quantity: int


_items = msgspec.json.Decoder(list[ItemRow])
_encode = msgspec.json.Encoder().encode
ORDER_COLUMNS = (
    "order_id, customer_id, customer_name, items::text AS items, total::float8 AS total,"
    " status, created_at"
)


def _order(row: asyncpg.Record) -> SearchedOrder:
    lines = tuple(
        OrderLine(i.product_id, i.store_id, i.product_name, i.store_name, i.price, i.quantity)
        for i in _items.decode(row["items"])
    )
    return SearchedOrder(
        order_id=row["order_id"],
        customer_id=row["customer_id"],
        customer_name=row["customer_name"],
        lines=lines,
        total=row["total"],
        status=OrderStatus(row["status"]),
        created_at=row["created_at"],
    )


class PostgresOrderReadModel(OrderReadModel):
    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(self, order: SearchedOrder) -> None:
        items = [
            ItemRow(line.product_id, line.store_id, line.product_name, line.store_name,
                    line.price, line.quantity)
            for line in order.lines
        ]  # fmt: skip
        await self._db.connection().execute(
            "INSERT INTO search.orders AS o (order_id, customer_id, customer_name, items,"
            " product_ids, store_ids, total, status, progress, created_at)"
            " VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10)"
            " ON CONFLICT (order_id) DO UPDATE SET customer_id = excluded.customer_id,"
            " customer_name = excluded.customer_name, items = excluded.items,"
            " product_ids = excluded.product_ids, store_ids = excluded.store_ids,"
            " total = excluded.total, created_at = excluded.created_at,"
            " status = CASE WHEN o.progress < excluded.progress"
            " THEN excluded.status ELSE o.status END,"
            " progress = greatest(o.progress, excluded.progress), updated_at = now()"
            " WHERE o.created_at IS NULL",
            order.order_id,
            order.customer_id,
            order.customer_name,
            _encode(items).decode(),
            list(dict.fromkeys(line.product_id for line in order.lines)),
            list(dict.fromkeys(line.store_id for line in order.lines)),
            order.total,
            order.status.value,
            order.status.rank,
            order.created_at,
        )

    async def advance(self, order_id: str, customer_id: str, status: OrderStatus) -> None:
        await self._db.connection().execute(
            "INSERT INTO search.orders AS o (order_id, customer_id, status, progress)"
            " VALUES ($1, $2, $3, $4) ON CONFLICT (order_id) DO UPDATE SET"
            " status = excluded.status, progress = excluded.progress, updated_at = now()"
            " WHERE o.progress < excluded.progress",
            order_id,
            customer_id,
            status.value,
            status.rank,
        )

    async def find(self, order_id: str) -> SearchedOrder | None:
        row = await self._db.fetchrow(
            f"SELECT {ORDER_COLUMNS} FROM search.orders"
            " WHERE order_id = $1 AND created_at IS NOT NULL",
            order_id,
        )
        return None if row is None else _order(row)

    async def search(
        self, filters: OrderFilters, start: Position | None, limit: int
    ) -> list[SearchedOrder]:
        sql, args = search_query(filters, start, limit)
        return [_order(r) for r in await self._db.fetch(sql, *args)]


def search_query(
    filters: OrderFilters, start: Position | None, limit: int
) -> tuple[str, list[Any]]:
    """The SELECT of a search page and its arguments (also what `EXPLAIN` is run on)."""
    where, args = search_conditions(filters, start)
    args.append(limit)
    sql = (
        f"SELECT {ORDER_COLUMNS} FROM search.orders WHERE {' AND '.join(where)}"
        f" ORDER BY created_at DESC, order_id DESC LIMIT ${len(args)}"
    )
    return sql, args


def search_conditions(filters: OrderFilters, start: Position | None) -> tuple[list[str], list[Any]]:
    """The WHERE conditions (joined by AND) of a search and their arguments ($1...)."""
    where = ["created_at IS NOT NULL"]
    args: list[Any] = []

    def condition(sql: str, *values: Any) -> None:
        numbers = range(len(args) + 1, len(args) + len(values) + 1)
        where.append(sql.format(*(f"${n}" for n in numbers)))
        args.extend(values)

    f = filters
    if f.customer_id:
        condition("customer_id = {}", f.customer_id)
    if f.status is not None:
        condition("status = {}", f.status.value)
    if f.after is not None:
        condition("created_at >= {}", f.after)
    if f.before is not None:
        condition("created_at < {}", f.before)
    if f.store_ids:
        condition("store_ids && {}::text[]", list(f.store_ids))
    if f.product_ids:
        condition("product_ids && {}::text[]", list(f.product_ids))
    if f.min_total is not None:
        condition("total >= {}::numeric", f.min_total)
    if f.max_total is not None:
        condition("total <= {}::numeric", f.max_total)
    if start is not None:
        condition("(created_at, order_id) < ({}, {})", start.created_at, start.order_id)
    return where, args
