"""Command handlers of Store Management, one per REST command."""

from __future__ import annotations

from collections.abc import Callable

from mall.kernel.commands import AggregateCommand, create
from mall.kernel.errors import NotFoundError
from mall.kernel.ports import IdGenerator
from mall.kernel.repository import load_existing
from mall.kernel.unit_of_work import UnitOfWork
from mall.stores.domain.product import Product
from mall.stores.domain.store import Store
from mall.stores.ports import ProductRepository, StoreRepository
from mall_contracts.common.http import Empty
from mall_contracts.stores import http

STORE_NOT_FOUND = "store with that ID does not exist"
PRODUCT_NOT_FOUND = "product with that ID does not exist"


class CreateStore:
    def __init__(self, uow: UnitOfWork, stores: StoreRepository, ids: IdGenerator) -> None:
        self._uow = uow
        self._stores = stores
        self._ids = ids

    async def __call__(self, body: http.CreateStoreRequest) -> http.CreateStoreResponse:
        store = Store.create(self._ids.new_id(), body.name, body.location)
        response = http.CreateStoreResponse(id=store.id)
        return await create(self._uow, self._stores, store, response)


class _StoreChange(AggregateCommand[Store]):
    MISSING = STORE_NOT_FOUND


class RebrandStore(_StoreChange):
    async def __call__(self, store_id: str, body: http.RebrandStoreRequest) -> Empty:
        await self.change(store_id, lambda store: store.rebrand(body.name))
        return Empty()


class EnableParticipation(_StoreChange):
    async def __call__(self, store_id: str) -> Empty:
        await self.change(store_id, Store.enable_participation)
        return Empty()


class DisableParticipation(_StoreChange):
    async def __call__(self, store_id: str) -> Empty:
        await self.change(store_id, Store.disable_participation)
        return Empty()


class AddProduct:
    """The store must exist; the product gets a new id."""

    def __init__(
        self,
        uow: UnitOfWork,
        stores: StoreRepository,
        products: ProductRepository,
        ids: IdGenerator,
    ) -> None:
        self._uow = uow
        self._stores = stores
        self._products = products
        self._ids = ids

    async def __call__(
        self, store_id: str, body: http.AddProductRequest
    ) -> http.AddProductResponse:
        await load_existing(self._stores, store_id, STORE_NOT_FOUND)
        product = Product.add(
            self._ids.new_id(), store_id, body.name, body.description, body.sku, body.price
        )
        response = http.AddProductResponse(id=product.id)
        return await create(self._uow, self._products, product, response)


class _ProductChange(AggregateCommand[Product]):
    """Changes a product that exists and was not removed."""

    MISSING = PRODUCT_NOT_FOUND

    async def change(self, product_id: str, decide: Callable[[Product], object]) -> None:
        def listed(product: Product) -> None:
            if product.removed:
                raise NotFoundError(PRODUCT_NOT_FOUND)
            decide(product)

        await super().change(product_id, listed)


class RebrandProduct(_ProductChange):
    async def __call__(self, product_id: str, body: http.RebrandProductRequest) -> Empty:
        await self.change(product_id, lambda p: p.rebrand(body.name, body.description))
        return Empty()


class IncreaseProductPrice(_ProductChange):
    async def __call__(self, product_id: str, body: http.ChangeProductPriceRequest) -> Empty:
        await self.change(product_id, lambda p: p.increase_price(body.price))
        return Empty()


class DecreaseProductPrice(_ProductChange):
    async def __call__(self, product_id: str, body: http.ChangeProductPriceRequest) -> Empty:
        await self.change(product_id, lambda p: p.decrease_price(body.price))
        return Empty()


class RemoveProduct(_ProductChange):
    async def __call__(self, product_id: str) -> Empty:
        await self.change(product_id, Product.remove)
        return Empty()
