"""Command handlers of Order Processing: the REST commands and the saga's commands."""

from __future__ import annotations

from mall.kernel.commands import AggregateCommand, create
from mall.kernel.ports import IdGenerator
from mall.kernel.unit_of_work import UnitOfWork
from mall.ordering.domain.events import OrderItem
from mall.ordering.domain.order import Order
from mall.ordering.ports import OrderRepository
from mall_contracts.common.http import Empty
from mall_contracts.ordering import http

ORDER_NOT_FOUND = "order with that ID does not exist"


class CreateOrder:
    """An order under a new id (orders from checkouts get the basket's id: see policies)."""

    def __init__(self, uow: UnitOfWork, orders: OrderRepository, ids: IdGenerator) -> None:
        self._uow = uow
        self._orders = orders
        self._ids = ids

    async def __call__(self, body: http.CreateOrderRequest) -> http.CreateOrderResponse:
        order = Order(self._ids.new_id())
        items = [
            OrderItem(
                store_id=item.store_id,
                product_id=item.product_id,
                store_name=item.store_name,
                product_name=item.product_name,
                price=item.price,
                quantity=item.quantity,
            )
            for item in body.items
        ]
        order.create(body.customer_id, body.payment_id, items)
        response = http.CreateOrderResponse(id=order.id)
        return await create(self._uow, self._orders, order, response)


class _OrderChange(AggregateCommand[Order]):
    MISSING = ORDER_NOT_FOUND


class CancelOrder(_OrderChange):
    async def __call__(self, order_id: str) -> Empty:
        await self.change(order_id, Order.cancel)
        return Empty()


class RejectOrder(_OrderChange):
    """The saga's compensation: pending -> rejected (a rejected order stays so, no error)."""

    async def __call__(self, order_id: str) -> None:
        await self.change(order_id, Order.reject)


class ApproveOrder(_OrderChange):
    """The saga's last step: pending -> approved with the shopping list (approving again with
    the same list changes nothing, no error)."""

    async def __call__(self, order_id: str, shopping_id: str) -> None:
        await self.change(order_id, lambda order: order.approve(shopping_id))
