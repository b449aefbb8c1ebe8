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
    await mall.add(MallStore("s2", "Zed", "L2", False))
    await mall.add(MallStore("s1", "Abe", "L1", False))
    await mall.set_participating("s2", True)
    assert [s.id for s in await mall.all()] == ["s1", "s2"]
    assert await mall.participating() == [MallStore("s2", "Zed", "L2", True)]


async def test_mall_rename_and_unknown_ids(mall: MallReadModel) -> None:
    await mall.add(MallStore("s1", "Abe", "L1", False))
    await mall.add(MallStore("s1", "Again", "L9", True))  # a repeated add changes nothing
    await mall.rename("s1", "Abel")
    await mall.rename("nope", "x")
    await mall.set_participating("nope", True)
    assert await mall.find("s1") == MallStore("s1", "Abel", "L1", False)
    assert await mall.find("nope") is None


async def test_catalog_keeps_products_per_store(catalog: CatalogReadModel) -> None:
    await catalog.add(CatalogProduct("p2", "s1", "Wand", "oak", "W1", 9.99))
    await catalog.add(CatalogProduct("p1", "s1", "Cape", "red", "C1", 5.0))
    await catalog.add(CatalogProduct("p3", "s2", "Hat", "", "", 1.25))
    assert [p.id for p in await catalog.of_store("s1")] == ["p1", "p2"]
    assert await catalog.of_store("unknown") == []


async def test_catalog_price_changes_add_the_delta(catalog: CatalogReadModel) -> None:
    await catalog.add(CatalogProduct("p1", "s1", "Wand", "oak", "W1", 9.99))
    await catalog.change_price("p1", 2.5)
    await catalog.change_price("p1", -0.49)
    found = await catalog.find("p1")
    assert found is not None and found.price == pytest.approx(12.0)


async def test_catalog_rebrand_and_remove(catalog: CatalogReadModel) -> None:
    await catalog.add(CatalogProduct("p1", "s1", "Wand", "oak", "W1", 9.99))
    await catalog.rebrand("p1", "Staff", "ash")
    found = await catalog.find("p1")
    assert found is not None and (found.name, found.description) == ("Staff", "ash")
    await catalog.remove("p1")
    await catalog.remove("p1")
    assert await catalog.find("p1") is None
