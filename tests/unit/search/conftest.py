"""The search core wired to in-memory adapters, and to real customers and stores cores for
its look-ups."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from mall.search.application.policies import SearchPolicies
from mall_contracts.customers import http as customers_http
from mall_contracts.customers import messages as customers_messages
from mall_contracts.ordering import messages as ordering
from mall_contracts.search import http
from mall_contracts.stores import http as stores_http
from mall_contracts.stores import messages as stores_messages
from tests.support import cores

Line = tuple[str, str, float, int]
"""(product id, store id, price, quantity) of an order line."""


class SearchCore(cores.SearchCore):
    """The search core (`tests.support.cores`) plus the steps the tests share."""

    async def customer(self, name: str = "Ann") -> str:
        body = customers_http.RegisterCustomerRequest(name=name, sms_number="555-0100")
        return (await self.customers.service.register_customer(body)).id

    async def store(self, name: str = "Ollivanders") -> str:
        body = stores_http.CreateStoreRequest(name=name, location="Diagon Alley")
        return (await self.stores.service.create_store(body)).id

    async def product(self, store_id: str, name: str = "Wand", price: float = 9.99) -> str:
        body = stores_http.AddProductRequest(name=name, price=price)
        return (await self.stores.service.add_product(store_id, body)).id

    async def deliver(self) -> None:
        """Hand customers' and stores' messages not delivered yet to search's handlers, as
        its consumers would."""
        routes = cache_routes(self.handlers)
        for sink in (self.customers.sink, self.stores.sink):
            for sent in sink.sent:
                route = routes.get(sent.name)
                if route is not None:
                    await route(sent.message)
            sink.sent.clear()

    async def created(
        self, order_id: str, customer_id: str, lines: list[Line], *, after_seconds: float = 1
    ) -> None:
        """OrderCreated handled `after_seconds` after the previous order."""
        self.clock.advance(after_seconds)
        items = [
            ordering.OrderCreatedItem(product_id=p, store_id=s, price=price, quantity=q)
            for p, s, price, q in lines
        ]
        await self.handlers.on_order_created(
            ordering.OrderCreated(
                id=order_id, customer_id=customer_id, payment_id="pay", items=items
            )
        )

    async def order(self, order_id: str) -> http.Order:
        return (await self.service.get_order(order_id)).order

    async def search(
        self, next: str = "", limit: int = 0, **filters: Any
    ) -> http.SearchOrdersResponse:
        request = http.SearchOrdersRequest(
            filters=http.SearchFilters(**filters), next=next, limit=limit
        )
        return await self.service.search_orders(request)

    async def ids(self, **filters: Any) -> list[str]:
        """The ids of every matching order, newest first, page after page."""
        found: list[str] = []
        page = await self.search(limit=2, **filters)
        while True:
            found.extend(o.order_id for o in page.orders)
            if not page.next:
                return found
            page = await self.search(next=page.next, limit=2, **filters)


def cache_routes(handlers: SearchPolicies) -> dict[str, Callable[[Any], Awaitable[None]]]:
    return {
        customers_messages.CUSTOMER_REGISTERED: handlers.on_customer_registered,
        stores_messages.STORE_CREATED: handlers.on_store_created,
        stores_messages.STORE_REBRANDED: handlers.on_store_rebranded,
        stores_messages.PRODUCT_ADDED: handlers.on_product_added,
        stores_messages.PRODUCT_REBRANDED: handlers.on_product_rebranded,
        stores_messages.PRODUCT_REMOVED: handlers.on_product_removed,
    }


@pytest.fixture
def core() -> SearchCore:
    return SearchCore(**vars(cores.build_search_core()))
