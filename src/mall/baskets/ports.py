"""Driven ports of Shopping Baskets: the basket repository and the stores/products caches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from mall.baskets.domain.basket import Basket
from mall.kernel.repository import AggregateRepository

BasketRepository = AggregateRepository[Basket]


@dataclass(frozen=True)
class CachedStore:
    id: str
    name: str
    version: int  # the stores version this entry shows


@dataclass(frozen=True)
class CachedProduct:
    id: str
    store_id: str
    name: str
    price: float
    version: int  # the stores version this entry shows


class StoreCache(Protocol):
    """The stores baskets knows (id, name), kept from the stores events and filled by
    look-up fallbacks. `find` reads committed entries anywhere; `save` writes in the
    caller's unit of work.

    `save` inserts the store, or replaces an entry of an older version; an entry of the same
    or a newer version stays. Late, repeated or reordered events therefore never undo newer
    state, whichever of an event or a fallback got there first.
    """

    async def find(self, store_id: str) -> CachedStore | None:
        """The cached store, or None on a miss."""
        ...

    async def save(self, store: CachedStore) -> None: ...


class ProductCache(Protocol):
    """The products baskets knows (id, store, name, price), kept from the stores events and
    filled by look-up fallbacks. `find` reads committed entries anywhere; the writes happen
    in the caller's unit of work.

    Every write carries the stores version it reflects and changes the entry only when the
    entry is older: `save` inserts or replaces; `rename`, `reprice` and `remove` change an
    older entry and leave an unknown id unknown. Prices keep four decimal places.
    """

    async def find(self, product_id: str) -> CachedProduct | None:
        """The cached product, or None on a miss."""
        ...

    async def save(self, product: CachedProduct) -> None: ...

    async def rename(self, product_id: str, name: str, version: int) -> None: ...

    async def reprice(self, product_id: str, price: float, version: int) -> None: ...

    async def remove(self, product_id: str, version: int) -> None: ...
