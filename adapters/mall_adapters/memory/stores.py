"""In-memory mall and catalog read models."""

from __future__ import annotations

from mall.stores.ports import CatalogProduct, CatalogReadModel, MallReadModel, MallStore


class InMemoryMallReadModel(MallReadModel):
    def __init__(self) -> None:
        self.rows: dict[str, MallStore] = {}

    async def save(self, store: MallStore) -> None:
        self.rows[store.id] = store

    async def find(self, store_id: str) -> MallStore | None:
        return self.rows.get(store_id)

    async def all(self) -> list[MallStore]:
        return sorted(self.rows.values(), key=lambda s: (s.name, s.id))

    async def participating(self) -> list[MallStore]:
        return [s for s in await self.all() if s.participating]


class InMemoryCatalogReadModel(CatalogReadModel):
    def __init__(self) -> None:
        self.rows: dict[str, CatalogProduct] = {}

    async def save(self, product: CatalogProduct) -> None:
        self.rows[product.id] = product

    async def remove(self, product_id: str) -> None:
        self.rows.pop(product_id, None)

    async def find(self, product_id: str) -> CatalogProduct | None:
        return self.rows.get(product_id)

    async def of_store(self, store_id: str) -> list[CatalogProduct]:
        found = [p for p in self.rows.values() if p.store_id == store_id]
        return sorted(found, key=lambda p: (p.name, p.id))
