"""MallReadModel and CatalogReadModel: the same behaviour in memory and in PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mall.stores.ports import CatalogProduct, CatalogReadModel, MallReadModel, MallStore
from mall_adapters.memory.stores import InMemoryCatalogReadModel, InMemoryMallReadModel
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.stores import PostgresCatalogReadModel, PostgresMallReadModel
from tests.ports.conftest import scoped


@pytest.fixture
async def mall(backend: Database | None) -> AsyncIterator[MallReadModel]:
    async for port in scoped(backend, InMemoryMallReadModel, PostgresMallReadModel):
        yield port


@pytest.fixture
async def catalog(backend: Database | None) -> AsyncIterator[CatalogReadModel]:
    async for port in scoped(backend, InMemoryCatalogReadModel, PostgresCatalogReadModel):
        yield port


async def test_mall_lists_by_name_and_filters_participating(mall: MallReadModel) -> None:
    await mall.save(MallStore("s2", "Zed", "L2", True, 2))
    await mall.save(MallStore("s1", "Abe", "L1", False, 1))
    assert [s.id for s in await mall.all()] == ["s1", "s2"]
    assert await mall.participating() == [MallStore("s2", "Zed", "L2", True, 2)]


async def test_mall_save_replaces_the_row(mall: MallReadModel) -> None:
    await mall.save(MallStore("s1", "Abe", "L1", False, 1))
    await mall.save(MallStore("s1", "Abel", "L1", True, 3))
    assert await mall.find("s1") == MallStore("s1", "Abel", "L1", True, 3)
    assert await mall.find("nope") is None


async def test_catalog_keeps_products_per_store(catalog: CatalogReadModel) -> None:
    await catalog.save(CatalogProduct("p2", "s1", "Wand", "oak", "W1", 9.99, 1))
    await catalog.save(CatalogProduct("p1", "s1", "Cape", "red", "C1", 5.0, 1))
    await catalog.save(CatalogProduct("p3", "s2", "Hat", "", "", 1.25, 1))
    assert [p.id for p in await catalog.of_store("s1")] == ["p1", "p2"]
    assert await catalog.of_store("unknown") == []


async def test_catalog_save_replaces_and_keeps_four_decimals(catalog: CatalogReadModel) -> None:
    await catalog.save(CatalogProduct("p1", "s1", "Wand", "oak", "W1", 9.99, 1))
    await catalog.save(CatalogProduct("p1", "s1", "Staff", "ash", "W1", 12.4999, 3))
    assert await catalog.find("p1") == CatalogProduct("p1", "s1", "Staff", "ash", "W1", 12.4999, 3)


async def test_catalog_remove(catalog: CatalogReadModel) -> None:
    await catalog.save(CatalogProduct("p1", "s1", "Wand", "oak", "W1", 9.99, 1))
    await catalog.remove("p1")
    await catalog.remove("p1")
    assert await catalog.find("p1") is None
