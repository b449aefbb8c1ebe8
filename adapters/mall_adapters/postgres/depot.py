"""Depot's tables: `depot.shopping_lists`, `depot.closed_orders` and the caches
`depot.stores_cache` and `depot.products_cache`."""

from __future__ import annotations

from typing import Any

import msgspec

from mall.depot.domain.closed_order import ClosedOrder, CloseReason
from mall.depot.domain.events import ShoppingListStatus, Stop
from mall.depot.domain.shopping_list import (
    CHANGED_CONCURRENTLY,
    ShoppingList,
    ShoppingListState,
)
from mall.depot.ports import (
    CachedProduct,
    CachedStore,
    ClosedOrders,
    ProductCache,
    ShoppingListRepository,
    StoreCache,
)
from mall.kernel.errors import ConflictError
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.versioned_cache import CacheTable, PostgresVersionedCache
from mall_adapters.postgres.versioned_rows import VersionedRows, save_aggregate

COLUMNS = "id, order_id, stops, assigned_bot_id, status, version"
# No conflict target: a second live list of an order (the partial unique index) conflicts too.
SHOPPING_LISTS = VersionedRows(
    "depot.shopping_lists",
    ("order_id", "stops", "assigned_bot_id", "status"),
    casts={"stops": "jsonb"},
    conflict_on=(),
)
STORES = CacheTable("depot.stores_cache", CachedStore, ("id", "name", "location", "version"))
PRODUCTS = CacheTable("depot.products_cache", CachedProduct, ("id", "store_id", "name", "version"))
_stops = msgspec.json.Decoder(tuple[Stop, ...])


class PostgresShoppingListRepository(ShoppingListRepository):
    """The row's `version` is the list's committed event count; updates compare it. The
    partial unique index on live lists' `order_id` refuses a second live list of an order."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def load(self, aggregate_id: str) -> ShoppingList | None:
        row = await self._db.fetchrow(
            f"SELECT {COLUMNS} FROM depot.shopping_lists WHERE id = $1", aggregate_id
        )
        return None if row is None else _shopping_list(row)

    async def for_order(self, order_id: str) -> list[ShoppingList]:
        rows = await self._db.fetch(
            f"SELECT {COLUMNS} FROM depot.shopping_lists WHERE order_id = $1"
            " ORDER BY created_at, id",
            order_id,
        )
        return [_shopping_list(row) for row in rows]

    async def save(self, aggregate: ShoppingList) -> None:
        await save_aggregate(self._db, SHOPPING_LISTS, aggregate, _list_row, _changed_concurrently)


def _list_row(shopping_list: ShoppingList) -> dict[str, object]:
    state = shopping_list.state()
    return {
        "order_id": state.order_id,
        "stops": msgspec.json.encode(state.stops).decode(),
        "assigned_bot_id": state.assigned_bot_id,
        "status": state.status.value,
    }


def _changed_concurrently() -> ConflictError:
    return ConflictError(CHANGED_CONCURRENTLY)


def _shopping_list(row: Any) -> ShoppingList:
    state = ShoppingListState(
        order_id=row["order_id"],
        stops=_stops.decode(row["stops"]),
        assigned_bot_id=row["assigned_bot_id"],
        status=ShoppingListStatus(row["status"]),
    )
    return ShoppingList.stored(row["id"], state, row["version"])


class PostgresClosedOrders(ClosedOrders):
    """The order's lock is a transaction-scoped advisory lock in the two-key space (which the
    one-key locks of migrations and relays never share): depot's closed-orders class, then
    a hash of the order id."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def find(self, order_id: str) -> ClosedOrder | None:
        row = await self._db.fetchrow(
            "SELECT order_id, reason, closed_at FROM depot.closed_orders WHERE order_id = $1",
            order_id,
        )
        return None if row is None else _closed_order(row)

    async def lock(self, order_id: str) -> ClosedOrder | None:
        await self._lock(order_id)
        return await self.find(order_id)

    async def close(self, closing: ClosedOrder) -> ClosedOrder:
        await self._lock(closing.order_id)
        await self._db.connection().execute(
            "INSERT INTO depot.closed_orders (order_id, reason, closed_at) VALUES ($1, $2, $3)"
            " ON CONFLICT (order_id) DO NOTHING",
            closing.order_id,
            closing.reason.value,
            closing.closed_at,
        )
        standing = await self.find(closing.order_id)
        assert standing is not None, "inserted or already there, under the order's lock"
        return standing

    async def _lock(self, order_id: str) -> None:
        await self._db.connection().execute(
            "SELECT pg_advisory_xact_lock(hashtext('depot.closed_orders'), hashtext($1))",
            order_id,
        )


def _closed_order(row: Any) -> ClosedOrder:
    return ClosedOrder(row["order_id"], CloseReason(row["reason"]), row["closed_at"])


class PostgresStoreCache(PostgresVersionedCache[CachedStore], StoreCache):
    table = STORES

    async def rename(self, store_id: str, name: str, version: int) -> None:
        await self.update_if_older(store_id, version, name=name)


class PostgresProductCache(PostgresVersionedCache[CachedProduct], ProductCache):
    table = PRODUCTS

    async def rename(self, product_id: str, name: str, version: int) -> None:
        await self.update_if_older(product_id, version, name=name)

    async def remove(self, product_id: str, version: int) -> None:
        await self.delete_if_older(product_id, version)
