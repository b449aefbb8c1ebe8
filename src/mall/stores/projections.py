"""Keeps the mall and catalog read models in step with saved domain events."""

from __future__ import annotations

from mall.kernel.events import DomainEvent
from mall.stores.domain.product import (
    Product,
    ProductAdded,
    ProductPriceDecreased,
    ProductPriceIncreased,
    ProductRebranded,
    ProductRemoved,
)
from mall.stores.domain.store import (
    Store,
    StoreCreated,
    StoreParticipationDisabled,
    StoreParticipationEnabled,
    StoreRebranded,
)
from mall.stores.ports import CatalogProduct, CatalogReadModel, MallReadModel, MallStore


class MallProjection:
    def __init__(self, mall: MallReadModel) -> None:
        self._mall = mall

    async def __call__(self, event: DomainEvent, store: Store) -> None:
        match event:
            case StoreCreated(name=name, location=location):
                await self._mall.add(MallStore(store.id, name, location, participating=False))
            case StoreParticipationEnabled():
                await self._mall.set_participating(store.id, True)
            case StoreParticipationDisabled():
                await self._mall.set_participating(store.id, False)
            case StoreRebranded(name=name):
                await self._mall.rename(store.id, name)


class CatalogProjection:
    def __init__(self, catalog: CatalogReadModel) -> None:
        self._catalog = catalog

    async def __call__(self, event: DomainEvent, product: Product) -> None:
        match event:
            case ProductAdded(store_id=store_id, name=name, description=text, sku=sku, price=price):
                await self._catalog.add(
                    CatalogProduct(product.id, store_id, name, text, sku, price)
                )
            case ProductRebranded(name=name, description=description):
                await self._catalog.rebrand(product.id, name, description)
            case ProductPriceIncreased(delta=delta) | ProductPriceDecreased(delta=delta):
                await self._catalog.change_price(product.id, delta)
            case ProductRemoved():
                await self._catalog.remove(product.id)
