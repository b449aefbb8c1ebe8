"""Driven ports of Depot: the shopping list repository, the closed orders and the
stores/products caches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from mall.depot.domain.closed_order import ClosedOrder
from mall.depot.domain.shopping_list import ShoppingList
from mall.kernel.cache import VersionedCache


class ShoppingListRepository(Protocol):
    """Shopping lists stored by state, one record per list (stops kept as a document).

    `load` returns a fresh `ShoppingList` (never an object shared with another caller) whose
    `version` is the number of events committed for it, or None for an id never saved.
    `for_order` returns every list of an order, oldest first (empty when there is none);
    both read committed state anywhere, or the caller's own writes inside its unit of work.

    `save` writes the list's current state when it has pending events (and does nothing
    otherwise), inside the caller's unit of work: a list at version 0 is inserted, any other
    is updated only if the stored version is still the one it was loaded at. It raises
    `ConflictError` and changes nothing when a list is inserted under an id already saved,
    when a live (not canceled) list is inserted for an order that already has one, or when
    a stale copy is saved after another writer's save. After a successful save the pending
    events are committed and `version` advances by their number.
    """

    async def load(self, aggregate_id: str) -> ShoppingList | None: ...

    async def for_order(self, order_id: str) -> list[ShoppingList]: ...

    async def save(self, aggregate: ShoppingList) -> None: ...


class ClosedOrders(Protocol):
    """The orders depot builds nothing more for (rejected or canceled), one record each.

    `find` returns an order's closing, or None while it is open; it reads committed state
    anywhere, or the caller's own writes inside its unit of work.

    `lock` and `close` run inside the caller's unit of work (a PostgreSQL implementation
    raises `NoTransactionError` outside one) and first take the order's lock, held until that
    unit of work commits or rolls back: another `lock` or `close` of the same order, in this
    process or any other, waits for it. `lock` then returns the order's closing (None while
    it is open). `close` records the closing unless the order is closed already and returns
    the closing that stands: the first one, whatever a later or repeated `close` says.

    Why a lock: creating a list checks that the order is open and inserts the list; closing
    records the order closed and cancels its live lists. Run at the same time in two
    processes under READ COMMITTED, each could miss the other's uncommitted write (the create
    sees no closing, the close sees no list) and both commit: a live list for a closed order.
    The live-list unique index does not help (the close inserts no list), and `SELECT … FOR
    UPDATE` has no row to lock while the order is open. So both take the order's lock before
    they read: whichever comes second runs after the first committed and sees its write (the
    create finds the closing and refuses, or the close finds the list and cancels it). The
    PostgreSQL lock is a transaction-scoped advisory lock on a hash of the order id; a
    collision of two orders' hashes only makes them wait for each other.
    """

    async def find(self, order_id: str) -> ClosedOrder | None: ...

    async def lock(self, order_id: str) -> ClosedOrder | None: ...

    async def close(self, closing: ClosedOrder) -> ClosedOrder: ...


@dataclass(frozen=True)
class CachedStore:
    id: str
    name: str
    location: str
    version: int  # the stores version this entry shows


@dataclass(frozen=True)
class CachedProduct:
    id: str
    store_id: str
    name: str
    version: int  # the stores version this entry shows


class StoreCache(VersionedCache[CachedStore], Protocol):
    """The stores depot knows (id, name, location), kept from the stores events and filled
    by look-up fallbacks; versions are the stores versions (see `mall.kernel.cache`).

    `rename` changes an entry of an older version only and leaves an unknown id unknown.
    """

    async def rename(self, store_id: str, name: str, version: int) -> None: ...


class ProductCache(VersionedCache[CachedProduct], Protocol):
    """The products depot knows (id, store, name), kept from the stores events and filled by
    look-up fallbacks; versions are the stores versions (see `mall.kernel.cache`).

    `rename` and `remove` (which deletes the entry) change an entry of an older version only
    and leave an unknown id unknown.
    """

    async def rename(self, product_id: str, name: str, version: int) -> None: ...

    async def remove(self, product_id: str, version: int) -> None: ...
