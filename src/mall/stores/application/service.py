"""`StoresService`: the REST port of Store Management, and the query handlers for NATS."""

from __future__ import annotations

from mall.stores.application.deps import PRODUCT_NOT_FOUND, STORE_NOT_FOUND, StoresDeps
from mall.stores.application.product_use_cases import ProductUseCases
from mall.stores.application.store_use_cases import StoreUseCases
from mall_contracts.common.messages import NotFound
from mall_contracts.stores import messages
from mall_contracts.stores.ports import StoresApi, StoresHandlers


class StoresService(StoreUseCases, ProductUseCases, StoresApi):
    def __init__(self, deps: StoresDeps) -> None:
        self.deps = deps


class StoresQueryHandlers(StoresHandlers):
    """Answers other modules' look-ups from the read models."""

    def __init__(self, deps: StoresDeps) -> None:
        self.deps = deps

    async def get_store(self, query: messages.GetStore) -> messages.GetStoreReply | NotFound:
        store = await self.deps.mall.find(query.id)
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
        product = await self.deps.catalog.find(query.id)
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
