"""The one place where Order Processing's domain events become integration messages: every
change of an order's status is published."""

from __future__ import annotations

from mall.kernel.events import DomainEvent
from mall.ordering.domain.events import (
    OrderApproved,
    OrderCanceled,
    OrderCompleted,
    OrderCreated,
    OrderReadied,
    OrderRejected,
)
from mall.ordering.domain.order import Order
from mall_contracts.ordering import messages as api
from mall_contracts.ordering.ports import OrderingPublisher


class OrderEventsTranslator:
    def __init__(self, publisher: OrderingPublisher) -> None:
        self._publish = publisher

    async def __call__(self, event: DomainEvent, order: Order, _version: int) -> None:
        ids = {"id": order.id, "customer_id": order.customer_id}
        match event:
            case OrderCreated(payment_id=payment_id, items=items):
                lines = [
                    api.OrderCreatedItem(
                        product_id=item.product_id,
                        store_id=item.store_id,
                        price=item.price,
                        quantity=item.quantity,
                    )
                    for item in items
                ]
                await self._publish.order_created(
                    api.OrderCreated(**ids, payment_id=payment_id, items=lines)
                )
            case OrderRejected():
                await self._publish.order_rejected(
                    api.OrderRejected(**ids, payment_id=order.payment_id)
                )
            case OrderApproved(shopping_id=shopping_id):
                await self._publish.order_approved(
                    api.OrderApproved(**ids, payment_id=order.payment_id, shopping_id=shopping_id)
                )
            case OrderReadied():
                await self._publish.order_readied(
                    api.OrderReadied(**ids, payment_id=order.payment_id, total=order.total)
                )
            case OrderCanceled():
                await self._publish.order_canceled(
                    api.OrderCanceled(
                        **ids,
                        payment_id=order.payment_id,
                        shopping_id=order.shopping_id,
                        total=order.total,
                    )
                )
            case OrderCompleted(invoice_id=invoice_id):
                await self._publish.order_completed(
                    api.OrderCompleted(**ids, invoice_id=invoice_id)
                )
