"""Product use cases: add, rebrand, reprice, remove, and the catalog queries."""

from __future__ import annotations

from mall.kernel.errors import NotFoundError
from mall.stores.application.deps import PRODUCT_NOT_FOUND, StoresDeps, product_view
from mall.stores.domain.product import Product
from mall_contracts.common.http import Empty
from mall_contracts.stores import http


class ProductUseCases:
    deps: StoresDeps

    async def add_product(
        self, store_id: str, body: http.AddProductRequest
    ) -> http.AddProductResponse:
        await self.deps.store(store_id)
        product = Product.add(
            self.deps.ids.new_id(), store_id, body.name, body.description, body.sku, body.price
        )
        await self.deps.products.save(product)
        return http.AddProductResponse(id=product.id)

    async def rebrand_product(self, id: str, body: http.RebrandProductRequest) -> Empty:
        product = await self.deps.product(id)
        product.rebrand(body.name, body.description)
        await self.deps.products.save(product)
        return Empty()

    async def increase_product_price(self, id: str, body: http.ChangeProductPriceRequest) -> Empty:
        product = await self.deps.product(id)
        product.increase_price(body.price)
        await self.deps.products.save(product)
        return Empty()

    async def decrease_product_price(self, id: str, body: http.ChangeProductPriceRequest) -> Empty:
        product = await self.deps.product(id)
        product.decrease_price(body.price)
        await self.deps.products.save(product)
        return Empty()

    async def remove_product(self, id: str) -> Empty:
        product = await self.deps.product(id)
        product.remove()
        await self.deps.products.save(product)
        return Empty()

    async def get_product(self, id: str) -> http.GetProductResponse:
        product = await self.deps.catalog.find(id)
        if product is None:
            raise NotFoundError(PRODUCT_NOT_FOUND)
        return http.GetProductResponse(product=product_view(product))

    async def get_store_products(self, store_id: str) -> http.GetCatalogResponse:
        products = await self.deps.catalog.of_store(store_id)
        return http.GetCatalogResponse(products=[product_view(p) for p in products])
