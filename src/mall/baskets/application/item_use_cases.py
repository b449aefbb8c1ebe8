"""Item use cases: add and remove quantities of a product."""

from __future__ import annotations

from mall.baskets.application.deps import BasketsDeps
from mall.baskets.domain.events import BasketItem
from mall_contracts.baskets import http
from mall_contracts.common.http import Empty


class ItemUseCases:
    deps: BasketsDeps

    async def add_item(self, id: str, body: http.ItemQuantityRequest) -> Empty:
        basket = await self.deps.basket(id)
        product = await self.deps.lookup.product(body.product_id)
        store = await self.deps.lookup.store(product.store_id)
        basket.add_item(
            BasketItem(
                store_id=store.id,
                product_id=product.id,
                store_name=store.name,
                product_name=product.name,
                price=product.price,
                quantity=body.quantity,
            )
        )
        await self.deps.baskets.save(basket)
        return Empty()

    async def remove_item(self, id: str, body: http.ItemQuantityRequest) -> Empty:
        # No catalog look-up (the reference did one first): a line must stay removable after
        # its product left the catalog, and a product not in the basket changes nothing.
        basket = await self.deps.basket(id)
        basket.remove_item(body.product_id, body.quantity)
        await self.deps.baskets.save(basket)
        return Empty()
