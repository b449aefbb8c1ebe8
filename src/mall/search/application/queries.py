"""Query handlers of Search: a page of matching orders, and one order."""

from __future__ import annotations

from mall.kernel.errors import NotFoundError
from mall.search.application import cursor
from mall.search.application.criteria import order_filters
from mall.search.ports import OrderReadModel, Position, SearchedOrder
from mall_contracts.search import http

ORDER_NOT_FOUND = "order with that ID does not exist"
DEFAULT_LIMIT = 20


class SearchOrders:
    def __init__(self, orders: OrderReadModel) -> None:
        self._orders = orders

    async def __call__(self, request: http.SearchOrdersRequest) -> http.SearchOrdersResponse:
        filters = order_filters(request.filters)
        start = cursor.decode(request.next)
        limit = request.limit or DEFAULT_LIMIT
        found = await self._orders.search(filters, start, limit + 1)
        page = found[:limit]
        more = len(found) > limit
        last = page[-1] if page else None
        next_page = cursor.encode(Position(last.created_at, last.order_id)) if more and last else ""
        return http.SearchOrdersResponse(orders=[order_view(o) for o in page], next=next_page)


class GetOrder:
    def __init__(self, orders: OrderReadModel) -> None:
        self._orders = orders

    async def __call__(self, order_id: str) -> http.GetOrderResponse:
        order = await self._orders.find(order_id)
        if order is None:
            raise NotFoundError(ORDER_NOT_FOUND)
        return http.GetOrderResponse(order=order_view(order))


def order_view(order: SearchedOrder) -> http.Order:
    return http.Order(
        order_id=order.order_id,
        customer_id=order.customer_id,
        customer_name=order.customer_name,
        items=[
            http.OrderItem(
                product_id=line.product_id,
                store_id=line.store_id,
                product_name=line.product_name,
                store_name=line.store_name,
                price=line.price,
                quantity=line.quantity,
            )
            for line in order.lines
        ],
        total=order.total,
        status=order.status.value,
    )
