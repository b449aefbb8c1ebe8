"""The one place where Shopping Baskets' domain events become integration messages.

Item additions and removals stay private: only a basket's start, cancellation and checkout
are published.
"""

from __future__ import annotations

from mall.baskets.domain.basket import Basket
from mall.baskets.domain.events import BasketCanceled, BasketCheckedOut, BasketStarted
from mall.kernel.events import DomainEvent
from mall_contracts.baskets import messages as api
from mall_contracts.baskets.ports import BasketsPublisher


class BasketEventsTranslator:
    def __init__(self, publisher: BasketsPublisher) -> None:
        self._publish = publisher

    async def __call__(self, event: DomainEvent, basket: Basket, _version: int) -> None:
        match event:
            case BasketStarted(customer_id=customer_id):
                await self._publish.basket_started(
                    api.BasketStarted(id=basket.id, customer_id=customer_id)
                )
            case BasketCanceled():
                await self._publish.basket_canceled(api.BasketCanceled(id=basket.id))
            case BasketCheckedOut(payment_id=payment_id):
                await self._publish.basket_checked_out(
                    api.BasketCheckedOut(
                        id=basket.id,
                        customer_id=basket.customer_id,
                        payment_id=payment_id,
                        items=[
                            api.BasketCheckedOutItem(
                                store_id=item.store_id,
                                product_id=item.product_id,
                                store_name=item.store_name,
                                product_name=item.product_name,
                                price=item.price,
                                quantity=item.quantity,
                            )
                            for item in basket.items
                        ],
                    )
                )
