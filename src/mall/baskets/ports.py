"""Driven ports of Shopping Baskets: the basket repository and the stores/products caches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from mall.baskets.domain.basket import Basket
from mall.kernel.cache import VersionedCache
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


class StoreCache(VersionedCache[CachedStore], Protocol):
    """The stores baskets knows (id, name), kept from the stores events and filled by
    look-up fallbacks; versions are the stores versions (see `mall.kernel.cache`)."""


class ProductCache(VersionedCache[CachedProduct], Protocol):
    """The products baskets knows (id, store, name, price), kept from the stores events and
    filled by look-up fallbacks; versions are the stores versions (see `mall.kernel.cache`).

    `rename`, `reprice` and `remove` (which deletes the entry) change an entry of an older
    version only and leave an unknown id unknown. Prices keep four decimal places.
    """

    async def rename(self, product_id: str, name: str, version: int) -> None: ...

    async def reprice(self, product_id: str, price: float, version: int) -> None: ...

    async def remove(self, product_id: str, version: int) -> None: ...
