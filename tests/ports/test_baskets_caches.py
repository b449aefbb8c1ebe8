"""StoreCache and ProductCache: the same behaviour in memory and in PostgreSQL.

Entries carry the stores version they show; anything not newer than an entry loses.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mall.baskets.ports import CachedProduct, CachedStore, ProductCache, StoreCache
from mall_adapters.memory.baskets import InMemoryProductCache, InMemoryStoreCache
from mall_adapters.postgres.baskets import PostgresProductCache, PostgresStoreCache
from mall_adapters.postgres.database import Database
from tests.ports.conftest import scoped


@pytest.fixture
async def stores(backend: Database | None) -> AsyncIterator[StoreCache]:
    async for port in scoped(backend, InMemoryStoreCache, PostgresStoreCache):
        yield port


@pytest.fixture
async def products(backend: Database | None) -> AsyncIterator[ProductCache]:
    async for port in scoped(backend, InMemoryProductCache, PostgresProductCache):
        yield port


async def test_store_cache_keeps_the_newest_version(stores: StoreCache) -> None:
    await stores.save(CachedStore("s1", "Ollivanders", 1))
    await stores.save(CachedStore("s1", "Ollivanders & Sons", 3))
    await stores.save(CachedStore("s1", "Late rename", 2))  # older: ignored
    await stores.save(CachedStore("s1", "Repeat", 3))  # same version: ignored
    assert await stores.find("s1") == CachedStore("s1", "Ollivanders & Sons", 3)
    assert await stores.find("nope") is None


async def test_product_cache_save_keeps_the_newest_version(products: ProductCache) -> None:
    await products.save(CachedProduct("p1", "s1", "Wand", 12.5, 3))  # e.g. from a fallback
    await products.save(CachedProduct("p1", "s1", "Wand", 9.99, 1))  # the late ProductAdded
    assert await products.find("p1") == CachedProduct("p1", "s1", "Wand", 12.5, 3)
    assert await products.find("nope") is None


async def test_product_cache_updates_apply_only_when_newer(products: ProductCache) -> None:
    await products.save(CachedProduct("p1", "s1", "Wand", 9.99, 1))
    await products.reprice("p1", 12.5, 3)
    await products.reprice("p1", 11.0, 2)  # reordered: ignored
    await products.rename("p1", "Staff", 4)
    await products.rename("p1", "Stick", 4)  # repeated version: ignored
    assert await products.find("p1") == CachedProduct("p1", "s1", "Staff", 12.5, 4)


async def test_product_cache_keeps_four_decimal_places(products: ProductCache) -> None:
    await products.save(CachedProduct("p1", "s1", "Wand", 9.99994, 1))
    await products.reprice("p1", 12.00004, 2)
    found = await products.find("p1")
    assert found is not None
    assert found.price == 12.0


async def test_product_cache_remove_only_removes_older_entries(products: ProductCache) -> None:
    await products.save(CachedProduct("p1", "s1", "Wand", 9.99, 5))
    await products.remove("p1", 4)  # an old removal cannot delete a newer entry
    assert await products.find("p1") is not None
    await products.remove("p1", 6)
    await products.remove("p1", 6)
    assert await products.find("p1") is None


async def test_product_cache_updates_of_unknown_ids_change_nothing(
    products: ProductCache,
) -> None:
    await products.rename("nope", "x", 2)
    await products.reprice("nope", 1.0, 2)
    await products.remove("nope", 2)
    assert await products.find("nope") is None
