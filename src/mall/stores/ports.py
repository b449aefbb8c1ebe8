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
    version: int  # the Store aggregate's version this row shows


@dataclass(frozen=True)
class CatalogProduct:
    id: str
    store_id: str
    name: str
    description: str
    sku: str
    price: float
    version: int  # the Product aggregate's version this row shows


class MallReadModel(Protocol):
    """The mall: every store, written from the Store aggregate in its unit of work (reads
    work anywhere).

    `save` inserts or replaces the store's row. Lists are ordered by name, then id.
    """

    async def save(self, store: MallStore) -> None: ...

    async def find(self, store_id: str) -> MallStore | None: ...

    async def all(self) -> list[MallStore]: ...

    async def participating(self) -> list[MallStore]: ...


class CatalogReadModel(Protocol):
    """The catalog: every product that was not removed, written from the Product aggregate in
    its unit of work (reads work anywhere).

    `save` inserts or replaces the product's row; `remove` of an unknown id does nothing.
    Lists are ordered by name, then id.
    """

    async def save(self, product: CatalogProduct) -> None: ...

    async def remove(self, product_id: str) -> None: ...

    async def find(self, product_id: str) -> CatalogProduct | None: ...

    async def of_store(self, store_id: str) -> list[CatalogProduct]: ...
