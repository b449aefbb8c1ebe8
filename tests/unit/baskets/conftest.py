"""The baskets core wired to in-memory adapters, and to the real stores core for look-ups."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from mall.baskets.application.policies import BasketsPolicies
from mall_contracts.baskets import http as baskets_http
from mall_contracts.stores import http as stores_http
from mall_contracts.stores import messages as stores_messages
from tests.support import cores


class BasketsCore(cores.BasketsCore):
    """The baskets core (`tests.support.cores`) plus the steps the tests share."""

    async def product(
        self, name: str = "Wand", price: float = 9.99, store: str = "Ollivanders"
    ) -> str:
        """A new product (in a new store) known to stores only; returns its id."""
        store_id = (
            await self.stores.service.create_store(
                stores_http.CreateStoreRequest(name=store, location="Diagon Alley")
            )
        ).id
        body = stores_http.AddProductRequest(name=name, price=price)
        return (await self.stores.service.add_product(store_id, body)).id

    async def basket(self, customer_id: str = "customer-id") -> str:
        body = baskets_http.StartBasketRequest(customer_id=customer_id)
        return (await self.service.start_basket(body)).id

    async def add(self, basket_id: str, product_id: str, quantity: int = 1) -> None:
        body = baskets_http.ItemQuantityRequest(product_id=product_id, quantity=quantity)
        await self.service.add_item(basket_id, body)

    async def remove(self, basket_id: str, product_id: str, quantity: int = 1) -> None:
        body = baskets_http.ItemQuantityRequest(product_id=product_id, quantity=quantity)
        await self.service.remove_item(basket_id, body)

    async def lines(self, basket_id: str) -> list[tuple[str, int, float]]:
        """(product id, quantity, price) of each line, in basket order."""
        basket = (await self.service.get_basket(basket_id)).basket
        return [(i.product_id, i.quantity, i.product_price) for i in basket.items]

    async def deliver_stores_messages(self, start: int = 0) -> None:
        """Hand stores' published messages (from `start` on) to the cache handlers, as the
        baskets consumers would."""
        routes = cache_routes(self.handlers)
        for sent in self.stores.sink.sent[start:]:
            route = routes.get(sent.name)
            if route is not None:
                await route(sent.message)


def cache_routes(handlers: BasketsPolicies) -> dict[str, Callable[[Any], Awaitable[None]]]:
    return {
        stores_messages.STORE_CREATED: handlers.on_store_created,
        stores_messages.STORE_REBRANDED: handlers.on_store_rebranded,
        stores_messages.PRODUCT_ADDED: handlers.on_product_added,
        stores_messages.PRODUCT_REBRANDED: handlers.on_product_rebranded,
        stores_messages.PRODUCT_PRICE_INCREASED: handlers.on_product_price_increased,
        stores_messages.PRODUCT_PRICE_DECREASED: handlers.on_product_price_decreased,
        stores_messages.PRODUCT_REMOVED: handlers.on_product_removed,
    }


@pytest.fixture
def core() -> BasketsCore:
    return BasketsCore(**vars(cores.build_baskets_core()))
