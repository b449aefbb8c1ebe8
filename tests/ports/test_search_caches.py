"""Search's CustomerCache, StoreCache and ProductCache: the same behaviour in memory and in
PostgreSQL. Entries carry the stores version they show; anything not newer loses."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mall.search.ports import (
    CachedCustomer,
    CachedProduct,
    CachedStore,
    CustomerCache,
    ProductCache,
    StoreCache,
)
from mall_adapters.memory import search as memory
from mall_adapters.postgres import search as postgres
from mall_adapters.postgres.database import Database
from tests.ports.conftest import scoped


@pytest.fixture
async def customers(backend: Database | None) -> AsyncIterator[CustomerCache]:
    async for port in scoped(backend, memory.InMemoryCustomerCache, postgres.PostgresCustomerCache):
        yield port


@pytest.fixture
async def stores(backend: Database | None) -> AsyncIterator[StoreCache]:
    async for port in scoped(backend, memory.InMemoryStoreCache, postgres.PostgresStoreCache):
        yield port


@pytest.fixture
async def products(backend: Database | None) -> AsyncIterator[ProductCache]:
    async for port in scoped(backend, memory.InMemoryProductCache, postgres.PostgresProductCache):
        yield port


async def test_customer_cache_keeps_the_first_entry(customers: CustomerCache) -> None:
    await customers.save(CachedCustomer("c1", "Ann"))
    await customers.save(CachedCustomer("c1", "Repeat"))  # a redelivery or a fallback race
    assert await customers.find("c1") == CachedCustomer("c1", "Ann")
    assert await customers.find("nope") is None


async def test_store_cache_keeps_the_newest_version(stores: StoreCache) -> None:
    await stores.save(CachedStore("s1", "Ollivanders", 1))
    await stores.save(CachedStore("s1", "Ollivanders & Sons", 3))
    await stores.save(CachedStore("s1", "Late rename", 2))
    await stores.save(CachedStore("s1", "Repeat", 3))
    assert await stores.find("s1") == CachedStore("s1", "Ollivanders & Sons", 3)
    assert await stores.find("nope") is None


async def test_product_cache_applies_only_newer_changes(products: ProductCache) -> None:
    await products.save(CachedProduct("p1", "s1", "Staff", 3))  # e.g. from a fallback
    await products.save(CachedProduct("p1", "s1", "Wand", 1))  # the late ProductAdded
    await products.rename("p1", "Stick", 2)  # older: ignored
    assert await products.find("p1") == CachedProduct("p1", "s1", "Staff", 3)
    await products.rename("p1", "Rod", 4)
    await products.rename("p1", "Repeat", 4)
    assert await products.find("p1") == CachedProduct("p1", "s1", "Rod", 4)


async def test_a_removed_product_keeps_its_name(products: ProductCache) -> None:
    await products.save(CachedProduct("p1", "s1", "Wand", 2))
    await products.remove("p1", 1)  # older: ignored
    await products.remove("p1", 3)
    await products.rename("p1", "Late", 2)
    assert await products.find("p1") == CachedProduct("p1", "s1", "Wand", 3)


async def test_changes_to_unknown_products_change_nothing(products: ProductCache) -> None:
    await products.rename("nope", "x", 2)
    await products.remove("nope", 2)
    assert await products.find("nope") is None
