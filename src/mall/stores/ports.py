"""Driven ports of Store Management: the aggregate repositories and the two read models."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from mall.kernel.repository import AggregateRepository
from mall.stores.domain.product import Product
from mall.stores.domain.store import Store

StoreRepository = AggregateRepository[Store]
ProductRepository = AggregateRepository[Product]


@dataclass(frozen=True)
class MallStore:
    id: str
    name: str
    location: str
    participating: bool


@dataclass(frozen=True)
class CatalogProduct:
    id: str
    store_id: str
    name: str
    description: str
    sku: str
    price: float


class MallReadModel(Protocol):
    """The mall: every store, kept in step with the Store events in the same transaction.

    Lists are ordered by store name, then id. Updates of an unknown id change nothing.
    """

    async def add(self, store: MallStore) -> None: ...

    async def set_participating(self, store_id: str, participating: bool) -> None: ...

    async def rename(self, store_id: str, name: str) -> None: ...

    async def find(self, store_id: str) -> MallStore | None: ...

    async def all(self) -> list[MallStore]: ...

    async def participating(self) -> list[MallStore]: ...


class CatalogReadModel(Protocol):
    """The catalog: every product that was not removed, kept in step with the Product events.

    `change_price` adds `delta` to the stored price. Lists are ordered by product name, then
    id. Updates of an unknown id change nothing.
    """

    async def add(self, product: CatalogProduct) -> None: ...

    async def rebrand(self, product_id: str, name: str, description: str) -> None: ...

    async def change_price(self, product_id: str, delta: float) -> None: ...

    async def remove(self, product_id: str) -> None: ...

    async def find(self, product_id: str) -> CatalogProduct | None: ...

    async def of_store(self, store_id: str) -> list[CatalogProduct]: ...
