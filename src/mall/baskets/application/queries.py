"""Query handlers of Shopping Baskets."""

from __future__ import annotations

from mall.baskets.application.commands import BASKET_NOT_FOUND
from mall.baskets.domain.basket import Basket
from mall.baskets.ports import BasketRepository
from mall.kernel.repository import load_existing
from mall_contracts.baskets import http


class GetBasket:
    def __init__(self, baskets: BasketRepository) -> None:
        self._baskets = baskets

    async def __call__(self, basket_id: str) -> http.GetBasketResponse:
        basket = await load_existing(self._baskets, basket_id, BASKET_NOT_FOUND)
        return http.GetBasketResponse(basket=basket_view(basket))


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
