"""The one place where Depot's domain events become integration messages.

Only a completed list is published; creation, initiation, assignment and cancellation stay
private.
"""

from __future__ import annotations

from mall.depot.domain.events import ShoppingListCompleted
from mall.depot.domain.shopping_list import ShoppingList
from mall.kernel.events import DomainEvent
from mall_contracts.depot import messages as api
from mall_contracts.depot.ports import DepotPublisher


class ShoppingListEventsTranslator:
    def __init__(self, publisher: DepotPublisher) -> None:
        self._publish = publisher

    async def __call__(self, event: DomainEvent, shopping: ShoppingList, _version: int) -> None:
        if isinstance(event, ShoppingListCompleted):
            await self._publish.shopping_list_completed(
                api.ShoppingListCompleted(id=shopping.id, order_id=shopping.order_id)
            )
