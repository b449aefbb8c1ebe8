"""Query handlers of Store Management: the REST queries, and the look-ups other modules send
over NATS (`StoresQueryHandlers`), all answered from the mall and catalog read models."""

from __future__ import annotations

from mall.kernel.errors import NotFoundError
from mall.stores.application.commands import PRODUCT_NOT_FOUND, STORE_NOT_FOUND
from mall.stores.ports import CatalogProduct, CatalogReadModel, MallReadModel, MallStore
from mall_contracts.common.messages import NotFound
from mall_contracts.stores import http, messages
from mall_contracts.stores.ports import StoresHandlers


class GetStore:
    def __init__(self, mall: MallReadModel) -> None:
        self._mall = mall

    async def __call__(self, store_id: str) -> http.GetStoreResponse:
        store = await self._mall.find(store_id)
        if store is None:
            raise NotFoundError(STORE_NOT_FOUND)
        return http.GetStoreResponse(store=store_view(store))


class GetStores:
    def __init__(self, mall: MallReadModel) -> None:
        self._mall = mall

    async def __call__(self) -> http.GetStoresResponse:
        return http.GetStoresResponse(stores=[store_view(s) for s in await self._mall.all()])


class GetParticipatingStores:
    def __init__(self, mall: MallReadModel) -> None:
        self._mall = mall

    async def __call__(self) -> http.GetStoresResponse:
        stores = await self._mall.participating()
        return http.GetStoresResponse(stores=[store_view(s) for s in stores])


class GetProduct:
    def __init__(self, catalog: CatalogReadModel) -> None:
        self._catalog = catalog

    async def __call__(self, product_id: str) -> http.GetProductResponse:
        product = await self._catalog.find(product_id)
        if product is None:
            raise NotFoundError(PRODUCT_NOT_FOUND)
        return http.GetProductResponse(product=product_view(product))


class GetCatalog:
    def __init__(self, catalog: CatalogReadModel) -> None:
        self._catalog = catalog

    async def __call__(self, store_id: str) -> http.GetCatalogResponse:
        products = await self._catalog.of_store(store_id)
        return http.GetCatalogResponse(products=[product_view(p) for p in products])


class StoresQueryHandlers(StoresHandlers):
    """Answers other modules' look-ups (GetStore, GetProduct)."""

    def __init__(self, mall: MallReadModel, catalog: CatalogReadModel) -> None:
        self._mall = mall
        self._catalog = catalog

    async def get_store(self, query: messages.GetStore) -> messages.GetStoreReply | NotFound:
        store = await self._mall.find(query.id)
        if store is None:
            return NotFound(message=STORE_NOT_FOUND)
        details = messages.StoreDetails(
            id=store.id,
            name=store.name,
            location=store.location,
            participating=store.participating,
            version=store.version,
        )
        return messages.GetStoreReply(store=details)

    async def get_product(self, query: messages.GetProduct) -> messages.GetProductReply | NotFound:
        product = await self._catalog.find(query.id)
        if product is None:
            return NotFound(message=PRODUCT_NOT_FOUND)
        details = messages.ProductDetails(
            id=product.id,
            store_id=product.store_id,
            name=product.name,
            description=product.description,
            sku=product.sku,
            price=product.price,
            version=product.version,
        )
        return messages.GetProductReply(product=details)


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
