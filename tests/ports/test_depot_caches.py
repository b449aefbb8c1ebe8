"""Depot's StoreCache and ProductCache: the same behaviour in memory and in PostgreSQL.

Entries carry the stores version they show; anything not newer than an entry loses.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mall.depot.ports import CachedProduct, CachedStore, ProductCache, StoreCache
from mall_adapters.memory.depot import InMemoryProductCache, InMemoryStoreCache
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.depot import PostgresProductCache, PostgresStoreCache
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
    await stores.save(CachedStore("s1", "Ollivanders", "Diagon Alley", 1))
    await stores.save(CachedStore("s1", "Ollivanders & Sons", "Diagon Alley 2", 3))
    await stores.save(CachedStore("s1", "Late", "Late", 2))  # older: ignored
    await stores.save(CachedStore("s1", "Repeat", "Repeat", 3))  # same version: ignored
    assert await stores.find("s1") == CachedStore("s1", "Ollivanders & Sons", "Diagon Alley 2", 3)
    assert await stores.find("nope") is None


async def test_store_cache_rename_applies_only_when_newer(stores: StoreCache) -> None:
    await stores.save(CachedStore("s1", "Ollivanders", "Diagon Alley", 1))
    await stores.rename("s1", "Olli's", 3)
    await stores.rename("s1", "Late", 2)  # reordered: ignored
    await stores.rename("s1", "Repeat", 3)  # repeated version: ignored
    await stores.rename("nope", "x", 5)  # unknown: stays unknown
    assert await stores.find("s1") == CachedStore("s1", "Olli's", "Diagon Alley", 3)
    assert await stores.find("nope") is None


async def test_product_cache_save_keeps_the_newest_version(products: ProductCache) -> None:
    await products.save(CachedProduct("p1", "s1", "Elder Wand", 3))  # e.g. from a fallback
    await products.save(CachedProduct("p1", "s1", "Wand", 1))  # the late ProductAdded
    assert await products.find("p1") == CachedProduct("p1", "s1", "Elder Wand", 3)
    assert await products.find("nope") is None


async def test_product_cache_rename_applies_only_when_newer(products: ProductCache) -> None:
    await products.save(CachedProduct("p1", "s1", "Wand", 1))
    await products.rename("p1", "Staff", 4)
    await products.rename("p1", "Stick", 4)  # repeated version: ignored
    await products.rename("p1", "Twig", 2)  # reordered: ignored
    assert await products.find("p1") == CachedProduct("p1", "s1", "Staff", 4)


async def test_product_cache_remove_only_removes_older_entries(products: ProductCache) -> None:
    await products.save(CachedProduct("p1", "s1", "Wand", 5))
    await products.remove("p1", 4)  # an old removal cannot delete a newer entry
    assert await products.find("p1") is not None
    await products.remove("p1", 6)
    await products.remove("p1", 6)
    assert await products.find("p1") is None


async def test_product_cache_updates_of_unknown_ids_change_nothing(
    products: ProductCache,
) -> None:
    await products.rename("nope", "x", 2)
    await products.remove("nope", 2)
    assert await products.find("nope") is None
