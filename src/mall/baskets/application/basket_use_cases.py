"""Basket use cases: start, cancel, check out, and read a basket."""

from __future__ import annotations

from mall.baskets.application.deps import BasketsDeps, basket_view
from mall.baskets.domain.basket import Basket
from mall_contracts.baskets import http
from mall_contracts.common.http import Empty


class BasketUseCases:
    deps: BasketsDeps

    async def start_basket(self, body: http.StartBasketRequest) -> http.StartBasketResponse:
        # The customer's existence is not checked (the reference's clients rely on that).
        basket = Basket.start(self.deps.ids.new_id(), body.customer_id)
        await self.deps.baskets.save(basket)
        return http.StartBasketResponse(id=basket.id)

    async def cancel_basket(self, id: str) -> Empty:
        basket = await self.deps.basket(id)
        basket.cancel()
        await self.deps.baskets.save(basket)
        return Empty()

    async def checkout_basket(self, id: str, body: http.CheckoutBasketRequest) -> Empty:
        basket = await self.deps.basket(id)
        basket.checkout(body.payment_id)
        await self.deps.baskets.save(basket)
        return Empty()

    async def get_basket(self, id: str) -> http.GetBasketResponse:
        return http.GetBasketResponse(basket=basket_view(await self.deps.basket(id)))
