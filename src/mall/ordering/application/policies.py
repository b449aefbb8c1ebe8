"""`OrderingPolicies`: what ordering does with the messages it receives.

- `basketsapi.BasketCheckedOut` creates the order under the basket's id; an order that
  already exists (a redelivered or replayed checkout) is left as it is.
- The saga's `RejectOrder` and `ApproveOrder` change the order and reply `am.Success`; a
  broken rule (or an unknown order) is answered with `am.Failure`.
- `depotapi.ShoppingListCompleted` makes an approved order ready, `paymentsapi.InvoicePaid`
  completes a ready order. In any other state (or for an unknown order, or another shopping
  list than the order's) the message is logged and dropped: it can never apply later, so
  redelivering it would only park it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from mall.kernel.errors import BadRequestError
from mall.kernel.unit_of_work import UnitOfWork
from mall.ordering.application.commands import ApproveOrder, RejectOrder
from mall.ordering.domain.events import OrderItem
from mall.ordering.domain.order import Order
from mall.ordering.ports import OrderRepository
from mall_contracts.baskets.messages import BasketCheckedOut
from mall_contracts.common.messages import Success
from mall_contracts.depot.messages import ShoppingListCompleted
from mall_contracts.ordering import messages
from mall_contracts.ordering.ports import OrderingHandlers
from mall_contracts.payments.messages import InvoicePaid

log = logging.getLogger(__name__)


class OrderingPolicies(OrderingHandlers):
    def __init__(self, uow: UnitOfWork, orders: OrderRepository) -> None:
        self._uow = uow
        self._orders = orders
        self._reject = RejectOrder(uow, orders)
        self._approve = ApproveOrder(uow, orders)

    async def reject_order(self, command: messages.RejectOrder) -> Success:
        await self._reject(command.id)
        return Success()

    async def approve_order(self, command: messages.ApproveOrder) -> Success:
        await self._approve(command.id, command.shopping_id)
        return Success()

    async def on_basket_checked_out(self, message: BasketCheckedOut) -> None:
        items = [
            OrderItem(
                store_id=item.store_id,
                product_id=item.product_id,
                store_name=item.store_name,
                product_name=item.product_name,
                price=item.price,
                quantity=item.quantity,
            )
            for item in message.items
        ]

        async def create_once() -> None:
            if await self._orders.load(message.id) is not None:
                log.info("order %s exists already; its checkout changes nothing", message.id)
                return
            order = Order(message.id)
            order.create(message.customer_id, message.payment_id, items)
            await self._orders.save(order)

        await self._uow.run(create_once, key=message.id)

    async def on_shopping_list_completed(self, message: ShoppingListCompleted) -> None:
        def ready(order: Order) -> None:
            if order.shopping_id != message.id:
                raise BadRequestError(f"its shopping list is {order.shopping_id!r}")
            order.ready()

        await self._advance(message.order_id, ready, f"shopping list {message.id} completed")

    async def on_invoice_paid(self, message: InvoicePaid) -> None:
        await self._advance(
            message.order_id,
            lambda order: order.complete(message.id),
            f"invoice {message.id} paid",
        )

    async def _advance(self, order_id: str, decide: Callable[[Order], None], what: str) -> None:
        """Load, decide and save in one unit of work; a message that cannot apply is dropped
        with a warning (its inbox row still commits)."""

        async def work() -> None:
            order = await self._orders.load(order_id)
            if order is None:
                log.warning("%s for unknown order %s: ignored", what, order_id)
                return
            try:
                decide(order)
            except BadRequestError as error:
                log.warning(
                    "%s for order %s (%s): ignored, %s", what, order_id, order.status, error
                )
                return
            await self._orders.save(order)

        await self._uow.run(work, key=order_id)
