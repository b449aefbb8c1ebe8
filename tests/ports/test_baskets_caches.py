"""StoreCache and ProductCache: the same behaviour in memory and in PostgreSQL."""

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


async def test_store_cache_finds_what_was_added(stores: StoreCache) -> None:
    await stores.add(CachedStore("s1", "Ollivanders"))
    assert await stores.find("s1") == CachedStore("s1", "Ollivanders")
    assert await stores.find("nope") is None


async def test_store_cache_first_add_wins_and_rename(stores: StoreCache) -> None:
    await stores.add(CachedStore("s1", "Ollivanders"))
    await stores.add(CachedStore("s1", "Again"))  # a repeated add changes nothing
    await stores.rename("s1", "Ollivanders & Sons")
    await stores.rename("nope", "x")  # an unknown id changes nothing
    assert await stores.find("s1") == CachedStore("s1", "Ollivanders & Sons")
    assert await stores.find("nope") is None


async def test_product_cache_finds_what_was_added(products: ProductCache) -> None:
    await products.add(CachedProduct("p1", "s1", "Wand", 9.99))
    await products.add(CachedProduct("p1", "s2", "Again", 1.0))  # changes nothing
    assert await products.find("p1") == CachedProduct("p1", "s1", "Wand", 9.99)
    assert await products.find("nope") is None


async def test_product_cache_price_changes_add_the_delta(products: ProductCache) -> None:
    await products.add(CachedProduct("p1", "s1", "Wand", 9.99))
    await products.change_price("p1", 2.51)
    await products.change_price("p1", -0.5)
    found = await products.find("p1")
    assert found is not None and found.price == 12.0
    await products.change_price("p1", 0.00004)  # prices keep four decimal places
    found = await products.find("p1")
    assert found is not None and found.price == 12.0


async def test_product_cache_rename_and_remove(products: ProductCache) -> None:
    await products.add(CachedProduct("p1", "s1", "Wand", 9.99))
    await products.rename("p1", "Staff")
    assert await products.find("p1") == CachedProduct("p1", "s1", "Staff", 9.99)
    await products.remove("p1")
    await products.remove("p1")
    assert await products.find("p1") is None


async def test_product_cache_updates_of_unknown_ids_change_nothing(
    products: ProductCache,
) -> None:
    await products.rename("nope", "x")
    await products.change_price("nope", 1.0)
    await products.remove("nope")
    assert await products.find("nope") is None
