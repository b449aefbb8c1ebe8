"""The depot core wired to in-memory adapters, and to the real stores core for look-ups."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from mall.depot.application.policies import DepotPolicies
from mall_contracts.depot import http, messages
from mall_contracts.stores import http as stores_http
from mall_contracts.stores import messages as stores_messages
from tests.support import cores


class DepotCore(cores.DepotCore):
    """The depot core (`tests.support.cores`) plus the steps the tests share."""

    async def store(self, name: str = "Ollivanders", location: str = "Diagon Alley") -> str:
        """A new store known to stores only; returns its id."""
        body = stores_http.CreateStoreRequest(name=name, location=location)
        return (await self.stores.service.create_store(body)).id

    async def product(self, store_id: str, name: str = "Wand") -> str:
        """A new product of the store, known to stores only; returns its id."""
        body = stores_http.AddProductRequest(name=name, price=9.99)
        return (await self.stores.service.add_product(store_id, body)).id

    async def create(self, order_id: str, *items: tuple[str, str, int]) -> str:
        """A list for the order from (store id, product id, quantity) items; returns its id."""
        body = http.CreateShoppingListRequest(
            order_id=order_id,
            items=[
                http.ShoppingItemRequest(product_id=p, store_id=s, quantity=q) for s, p, q in items
            ],
        )
        return (await self.service.create_shopping_list(body)).id

    async def status(self, list_id: str) -> str:
        return (await self.service.get_shopping_list(list_id)).shopping_list.status

    async def available(self, order_id: str = "order-1") -> str:
        """An available list (created and initiated) of one item; returns its id."""
        store_id = await self.store()
        list_id = await self.create(order_id, (store_id, await self.product(store_id), 1))
        await self.handlers.initiate_shopping(messages.InitiateShopping(id=list_id))
        return list_id

    async def deliver_stores_messages(self, start: int = 0) -> None:
        """Hand stores' published messages (from `start` on) to the cache handlers, as the
        depot consumers would."""
        routes = cache_routes(self.handlers)
        for sent in self.stores.sink.sent[start:]:
            route = routes.get(sent.name)
            if route is not None:
                await route(sent.message)


def cache_routes(handlers: DepotPolicies) -> dict[str, Callable[[Any], Awaitable[None]]]:
    return {
        stores_messages.STORE_CREATED: handlers.on_store_created,
        stores_messages.STORE_REBRANDED: handlers.on_store_rebranded,
        stores_messages.PRODUCT_ADDED: handlers.on_product_added,
        stores_messages.PRODUCT_REBRANDED: handlers.on_product_rebranded,
        stores_messages.PRODUCT_REMOVED: handlers.on_product_removed,
    }


@pytest.fixture
def core() -> DepotCore:
    return DepotCore(**vars(cores.build_depot_core()))
