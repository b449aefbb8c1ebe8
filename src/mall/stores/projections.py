"""Keeps the mall and catalog read models in step with the saved aggregates.

Each saved event rewrites the row from the aggregate's state after the save, so the read
models always show exactly what the aggregates hold.
"""

from __future__ import annotations

from mall.kernel.events import DomainEvent
from mall.stores.domain.product import Product, ProductRemoved
from mall.stores.domain.store import Store
from mall.stores.ports import CatalogProduct, CatalogReadModel, MallReadModel, MallStore


class MallProjection:
    def __init__(self, mall: MallReadModel) -> None:
        self._mall = mall

    async def __call__(self, _event: DomainEvent, store: Store, _version: int) -> None:
        await self._mall.save(
            MallStore(store.id, store.name, store.location, store.participating, store.version)
        )


class CatalogProjection:
    def __init__(self, catalog: CatalogReadModel) -> None:
        self._catalog = catalog

    async def __call__(self, event: DomainEvent, product: Product, _version: int) -> None:
        if isinstance(event, ProductRemoved) or product.removed:
            await self._catalog.remove(product.id)
            return
        await self._catalog.save(
            CatalogProduct(
                id=product.id,
                store_id=product.store_id,
                name=product.name,
                description=product.description,
                sku=product.sku,
                price=product.price,
                version=product.version,
            )
        )
