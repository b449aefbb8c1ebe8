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


@dataclass(frozen=True)
class CachedProduct:
    id: str
    store_id: str
    name: str
    price: float


class StoreCache(Protocol):
    """The stores baskets knows (id, name), kept current from the stores events and filled by
    look-up fallbacks, in the caller's transaction.

    `add` of an id already cached changes nothing (the first add wins); `rename` of an unknown
    id changes nothing.
    """

    async def find(self, store_id: str) -> CachedStore | None:
        """The cached store, or None on a miss."""
        ...

    async def add(self, store: CachedStore) -> None: ...

    async def rename(self, store_id: str, name: str) -> None: ...


class ProductCache(Protocol):
    """The products baskets knows (id, store, name, price), kept current from the stores
    events and filled by look-up fallbacks, in the caller's transaction.

    `add` of an id already cached changes nothing (the first add wins). `change_price` adds
    `delta` (negative for a decrease) to the cached price; prices keep four decimal places.
    `rename`, `change_price` and `remove` of an unknown id change nothing.
    """

    async def find(self, product_id: str) -> CachedProduct | None:
        """The cached product, or None on a miss."""
        ...

    async def add(self, product: CachedProduct) -> None: ...

    async def rename(self, product_id: str, name: str) -> None: ...

    async def change_price(self, product_id: str, delta: float) -> None: ...

    async def remove(self, product_id: str) -> None: ...
