"""What the store use cases need, and the small helpers they share."""

from __future__ import annotations

from dataclasses import dataclass

from mall.kernel.errors import NotFoundError
from mall.kernel.ports import IdGenerator
from mall.kernel.repository import load_existing
from mall.stores.domain.product import Product
from mall.stores.domain.store import Store
from mall.stores.ports import (
    CatalogProduct,
    CatalogReadModel,
    MallReadModel,
    MallStore,
    ProductRepository,
    StoreRepository,
)
from mall_contracts.stores import http

STORE_NOT_FOUND = "store with that ID does not exist"
PRODUCT_NOT_FOUND = "product with that ID does not exist"


@dataclass(frozen=True)
class StoresDeps:
    stores: StoreRepository
    products: ProductRepository
    mall: MallReadModel
    catalog: CatalogReadModel
    ids: IdGenerator

    async def store(self, store_id: str) -> Store:
        return await load_existing(self.stores, store_id, STORE_NOT_FOUND)

    async def product(self, product_id: str) -> Product:
        """A product that exists and was not removed."""
        product = await load_existing(self.products, product_id, PRODUCT_NOT_FOUND)
        if product.removed:
            raise NotFoundError(PRODUCT_NOT_FOUND)
        return product


def store_view(store: MallStore) -> http.Store:
    return http.Store(
        id=store.id, name=store.name, location=store.location, participating=store.participating
    )


def product_view(product: CatalogProduct) -> http.Product:
    return http.Product(
        id=product.id,
        store_id=product.store_id,
        name=product.name,
        description=product.description,
        sku=product.sku,
        price=product.price,
    )
