"""Query handlers of Order Processing."""

from __future__ import annotations

from mall.kernel.repository import load_existing
from mall.ordering.application.commands import ORDER_NOT_FOUND
from mall.ordering.domain.order import Order
from mall.ordering.ports import OrderRepository
from mall_contracts.ordering import http


class GetOrder:
    def __init__(self, orders: OrderRepository) -> None:
        self._orders = orders

    async def __call__(self, order_id: str) -> http.GetOrderResponse:
        order = await load_existing(self._orders, order_id, ORDER_NOT_FOUND)
        return http.GetOrderResponse(order=order_view(order))


def order_view(order: Order) -> http.Order:
    return http.Order(
        id=order.id,
        customer_id=order.customer_id,
        payment_id=order.payment_id,
        items=[
            http.OrderLine(
                store_id=item.store_id,
                product_id=item.product_id,
                store_name=item.store_name,
                product_name=item.product_name,
                price=item.price,
                quantity=item.quantity,
            )
            for item in order.items
        ],
        status=order.status.value,
        shopping_id=order.shopping_id,
        invoice_id=order.invoice_id,
    )
