"""Query handlers of Depot."""

from __future__ import annotations

from mall.depot.application.commands import SHOPPING_LIST_NOT_FOUND
from mall.depot.domain.shopping_list import ShoppingList
from mall.depot.ports import ShoppingListRepository
from mall.kernel.repository import load_existing
from mall_contracts.depot import http


class GetShoppingList:
    def __init__(self, lists: ShoppingListRepository) -> None:
        self._lists = lists

    async def __call__(self, list_id: str) -> http.GetShoppingListResponse:
        shopping = await load_existing(self._lists, list_id, SHOPPING_LIST_NOT_FOUND)
        return http.GetShoppingListResponse(shopping_list=shopping_list_view(shopping))


class ListShoppingLists:
    """Every list of an order, oldest first (an unknown order has none)."""

    def __init__(self, lists: ShoppingListRepository) -> None:
        self._lists = lists

    async def __call__(self, order_id: str) -> http.ListShoppingListsResponse:
        lists = await self._lists.for_order(order_id)
        return http.ListShoppingListsResponse(shopping_lists=[shopping_list_view(s) for s in lists])


def shopping_list_view(shopping: ShoppingList) -> http.ShoppingList:
    return http.ShoppingList(
        id=shopping.id,
        order_id=shopping.order_id,
        status=shopping.status.value,
        assigned_bot_id=shopping.assigned_bot_id,
        stops=[
            http.Stop(
                store_id=stop.store_id,
                store_name=stop.store_name,
                store_location=stop.store_location,
                items=[
                    http.ShoppingItem(
                        product_id=item.product_id,
                        product_name=item.product_name,
                        quantity=item.quantity,
                    )
                    for item in stop.items
                ],
            )
            for stop in shopping.stops
        ],
    )
