"""In-memory mall and catalog read models."""

from __future__ import annotations

from dataclasses import replace

from mall.stores.ports import CatalogProduct, CatalogReadModel, MallReadModel, MallStore


class InMemoryMallReadModel(MallReadModel):
    def __init__(self) -> None:
        self.rows: dict[str, MallStore] = {}

    async def add(self, store: MallStore) -> None:
        self.rows.setdefault(store.id, store)

    async def set_participating(self, store_id: str, participating: bool) -> None:
        if store_id in self.rows:
            self.rows[store_id] = replace(self.rows[store_id], participating=participating)

    async def rename(self, store_id: str, name: str) -> None:
        if store_id in self.rows:
            self.rows[store_id] = replace(self.rows[store_id], name=name)

    async def find(self, store_id: str) -> MallStore | None:
        return self.rows.get(store_id)

    async def all(self) -> list[MallStore]:
        return sorted(self.rows.values(), key=lambda s: (s.name, s.id))

    async def participating(self) -> list[MallStore]:
        return [s for s in await self.all() if s.participating]


class InMemoryCatalogReadModel(CatalogReadModel):
    def __init__(self) -> None:
        self.rows: dict[str, CatalogProduct] = {}

    async def add(self, product: CatalogProduct) -> None:
        self.rows.setdefault(product.id, product)

    async def rebrand(self, product_id: str, name: str, description: str) -> None:
        if product_id in self.rows:
            self.rows[product_id] = replace(
                self.rows[product_id], name=name, description=description
            )

    async def change_price(self, product_id: str, delta: float) -> None:
        if product_id in self.rows:
            row = self.rows[product_id]
            self.rows[product_id] = replace(row, price=round(row.price + delta, 4))

    async def remove(self, product_id: str) -> None:
        self.rows.pop(product_id, None)

    async def find(self, product_id: str) -> CatalogProduct | None:
        return self.rows.get(product_id)

    async def of_store(self, store_id: str) -> list[CatalogProduct]:
        found = [p for p in self.rows.values() if p.store_id == store_id]
        return sorted(found, key=lambda p: (p.name, p.id))
