"""The shopping list repository the handlers use: saved events go to the translator."""

from __future__ import annotations

from collections.abc import Sequence

from mall.depot.domain.shopping_list import ShoppingList
from mall.depot.ports import ShoppingListRepository
from mall.kernel.repository import DispatchingRepository, EventHandler


class DispatchingShoppingLists(DispatchingRepository[ShoppingList]):
    """`DispatchingRepository` that also finds an order's lists."""

    def __init__(
        self, records: ShoppingListRepository, handlers: Sequence[EventHandler[ShoppingList]]
    ) -> None:
        super().__init__(records, handlers)
        self._records = records

    async def for_order(self, order_id: str) -> list[ShoppingList]:
        return await self._records.for_order(order_id)
