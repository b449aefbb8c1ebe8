"""Driven ports of Search: the customers, stores and products caches and the orders read
model."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from mall.kernel.cache import VersionedCache
from mall.search.domain.status import OrderStatus


@dataclass(frozen=True)
class CachedCustomer:
    id: str
    name: str
    version: int  # the customers version this entry shows


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
    version: int  # the stores version this entry shows


class CustomerCache(VersionedCache[CachedCustomer], Protocol):
    """The customers search knows (id, name), kept from `CustomerRegistered` and filled by
    look-up fallbacks; versions are the customers versions (see `mall.kernel.cache`)."""


class StoreCache(VersionedCache[CachedStore], Protocol):
    """The stores search knows (id, name), kept from the stores events and filled by look-up
    fallbacks; versions are the stores versions (see `mall.kernel.cache`)."""


class ProductCache(VersionedCache[CachedProduct], Protocol):
    """The products search knows (id, store, name), kept from the stores events and filled by
    look-up fallbacks; versions are the stores versions (see `mall.kernel.cache`).

    `rename` and `remove` change an entry of an older version only and leave an unknown id
    unknown. A removed product keeps its entry and name (`find` still answers it, at the
    removal's version), so an order recorded after the removal still names the product.
    """

    async def rename(self, product_id: str, name: str, version: int) -> None: ...

    async def remove(self, product_id: str, version: int) -> None: ...


@dataclass(frozen=True)
class OrderLine:
    product_id: str
    store_id: str
    product_name: str
    store_name: str
    price: float
    quantity: int


@dataclass(frozen=True)
class SearchedOrder:
    """An order as search shows it; `created_at` is when search recorded it."""

    order_id: str
    customer_id: str
    customer_name: str
    lines: tuple[OrderLine, ...]
    total: float
    status: OrderStatus
    created_at: datetime


@dataclass(frozen=True)
class OrderFilters:
    """What a search matches; the empty value of each filter matches every order."""

    customer_id: str = ""
    after: datetime | None = None  # recorded at or after
    before: datetime | None = None  # recorded strictly before
    store_ids: tuple[str, ...] = ()  # a line from any of these stores
    product_ids: tuple[str, ...] = ()  # a line of any of these products
    min_total: float | None = None  # inclusive
    max_total: float | None = None  # inclusive
    status: OrderStatus | None = None


@dataclass(frozen=True, order=True)
class Position:
    """Where an order stands in the newest-first order of searches: by `created_at`, then
    by `order_id` (both descending)."""

    created_at: datetime
    order_id: str


class OrderReadModel(Protocol):
    """`search.orders`: every recorded order, with names, total and status. Written in the
    caller's unit of work; reads work anywhere.

    Events of one order may come in any order. `record` (from OrderCreated) writes the order
    once, as `NEW`; recording it again changes nothing. `advance` (from the later events) sets
    a status further along (`OrderStatus.rank`) than the order's, and never one that is not.
    A status for an order not recorded yet is kept aside (the order stays invisible to `find`
    and `search`) and applies when `record` comes: no status is lost and none undone.
    """

    async def record(self, order: SearchedOrder) -> None: ...

    async def advance(self, order_id: str, customer_id: str, status: OrderStatus) -> None: ...

    async def find(self, order_id: str) -> SearchedOrder | None:
        """The recorded order, or None."""
        ...

    async def search(
        self, filters: OrderFilters, start: Position | None, limit: int
    ) -> list[SearchedOrder]:
        """At most `limit` orders matching every filter, newest first (`Position` order
        descending), that come strictly after `start` in that order (from the newest when
        None). Keyset paging: orders recorded meanwhile never shift a page."""
        ...
