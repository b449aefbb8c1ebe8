"""The depot UI's HTTP client (the bots' console): the consumer side of
`pacts/depot-ui-depot-api.json`.

It shows a shopping list (its stops, one per store, with what to collect there) and an
order's lists, assigns a bot to an available list, and completes an assigned one.
"""

from __future__ import annotations

from tests.contract.ui_client import Done, Shape, UiClient


class ShoppingItem(Shape):
    product_id: str
    product_name: str
    quantity: int


class Stop(Shape):
    store_id: str
    store_name: str
    store_location: str
    items: list[ShoppingItem]


class ShoppingList(Shape):
    id: str
    order_id: str
    status: str
    assigned_bot_id: str  # empty until a bot is assigned
    stops: list[Stop]


class _Assign(Shape):
    bot_id: str


class _ListAnswer(Shape):
    shopping_list: ShoppingList


class _ListsAnswer(Shape):
    shopping_lists: list[ShoppingList]


class DepotUiClient(UiClient):
    def get_shopping_list(self, list_id: str) -> ShoppingList:
        path = f"/api/depot/shopping/{list_id}"
        return self._api.call(_ListAnswer, "GET", path).shopping_list

    def shopping_lists_of(self, order_id: str) -> list[ShoppingList]:
        """The order's lists, oldest first (none is an empty list)."""
        params = {"orderId": order_id}
        answer = self._api.call(_ListsAnswer, "GET", "/api/depot/shopping", params=params)
        return answer.shopping_lists

    def assign_bot(self, list_id: str, bot_id: str) -> None:
        path = f"/api/depot/shopping/{list_id}/assign"
        self._api.call(Done, "PUT", path, body=_Assign(bot_id=bot_id))

    def complete(self, list_id: str) -> None:
        self._api.call(Done, "PUT", f"/api/depot/shopping/{list_id}/complete")
