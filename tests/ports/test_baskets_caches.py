"""Baskets' ProductCache beyond the versioned cache (`test_versioned_caches`): prices keep
four decimal places, in memory as in PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mall.baskets.ports import CachedProduct, ProductCache
from mall_adapters.memory.baskets import InMemoryProductCache
from mall_adapters.postgres.baskets import PostgresProductCache
from mall_adapters.postgres.database import Database
from tests.ports.conftest import scoped


@pytest.fixture
async def products(backend: Database | None) -> AsyncIterator[ProductCache]:
    async for port in scoped(backend, InMemoryProductCache, PostgresProductCache):
        yield port


async def test_product_cache_keeps_four_decimal_places(products: ProductCache) -> None:
    await products.save(CachedProduct("p1", "s1", "Wand", 9.99994, 1))
    assert await products.find("p1") == CachedProduct("p1", "s1", "Wand", 9.9999, 1)
    await products.reprice("p1", 12.00004, 2)
    assert await products.find("p1") == CachedProduct("p1", "s1", "Wand", 12.0, 2)
