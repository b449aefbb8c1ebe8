"""What the basket use cases need, and the small helpers they share."""

from __future__ import annotations

from dataclasses import dataclass

from mall.baskets.application.lookup import CatalogLookup
from mall.baskets.domain.basket import Basket
from mall.baskets.ports import BasketRepository
from mall.kernel.ports import IdGenerator
from mall.kernel.repository import load_existing
from mall_contracts.baskets import http

BASKET_NOT_FOUND = "basket with that ID does not exist"


@dataclass(frozen=True)
class BasketsDeps:
    baskets: BasketRepository
    lookup: CatalogLookup
    ids: IdGenerator

    async def basket(self, basket_id: str) -> Basket:
        return await load_existing(self.baskets, basket_id, BASKET_NOT_FOUND)


def basket_view(basket: Basket) -> http.Basket:
    return http.Basket(
        id=basket.id,
        items=[
            http.BasketItem(
                store_id=item.store_id,
                product_id=item.product_id,
                store_name=item.store_name,
                product_name=item.product_name,
                product_price=item.price,
                quantity=item.quantity,
            )
            for item in basket.items
        ],
    )
