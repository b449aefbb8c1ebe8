"""Driven ports of Depot: the shopping list repository and the stores/products caches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

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
