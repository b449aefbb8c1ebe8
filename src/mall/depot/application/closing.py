"""`CloseOrder`: what depot does when ordering rejects or cancels an order."""

from __future__ import annotations

from mall.depot.application.commands import order_key
from mall.depot.domain.closed_order import ClosedOrder, CloseReason
from mall.depot.ports import ClosedOrders, ShoppingListRepository
from mall.kernel.ports import Clock
from mall.kernel.unit_of_work import UnitOfWork


class CloseOrder:
    """Records the order as closed and cancels its live lists, in one unit of work (keyed
    like the order's creates, and holding the order's lock: `ClosedOrders`). From then on no
    list is created or initiated for it, so a `CreateShoppingList` executed late creates
    nothing. Closing again (a redelivery, or a cancel after a reject) keeps the first closing
    and cancels whatever is still live; completed lists stay completed."""

    def __init__(
        self, uow: UnitOfWork, lists: ShoppingListRepository, closed: ClosedOrders, clock: Clock
    ) -> None:
        self._uow = uow
        self._lists = lists
        self._closed = closed
        self._clock = clock

    async def __call__(self, order_id: str, reason: CloseReason) -> None:
        async def close() -> None:
            await self._closed.close(ClosedOrder(order_id, reason, self._clock.now()))
            for shopping in await self._lists.for_order(order_id):
                if shopping.cancelable:
                    shopping.cancel()
                    await self._lists.save(shopping)

        await self._uow.run(close, key=order_key(order_id))
