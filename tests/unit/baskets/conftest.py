"""The baskets core wired to in-memory adapters, and to the real stores core for look-ups."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from mall.baskets.application.cache_handlers import BasketsCacheHandlers
from mall.baskets.application.deps import BasketsDeps
from mall.baskets.application.lookup import CatalogLookup
from mall.baskets.application.service import BasketsService
from mall.baskets.domain.basket import Basket
from mall.baskets.translate import BasketEventsTranslator
from mall.kernel.repository import DispatchingRepository
from mall_adapters.memory.baskets import (
    InMemoryProductCache,
    InMemoryStoreCache,
    LoopbackStoresRequests,
)
from mall_adapters.memory.event_store import InMemoryEventStore
from mall_adapters.memory.messaging import RecordingSink
from mall_adapters.memory.system import SequentialIds
from mall_adapters.messaging.generated.baskets import OutboxBasketsPublisher
from mall_contracts.baskets import http as baskets_http
from mall_contracts.stores import http as stores_http
from mall_contracts.stores import messages as stores_messages
from tests.unit.stores.conftest import StoresCore, build_stores_core


@dataclass
class BasketsCore:
    service: BasketsService
    handlers: BasketsCacheHandlers
    sink: RecordingSink
    events: InMemoryEventStore[Basket]
    store_cache: InMemoryStoreCache
    product_cache: InMemoryProductCache
    requests: LoopbackStoresRequests
    stores: StoresCore

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


def cache_routes(handlers: BasketsCacheHandlers) -> dict[str, Callable[[Any], Awaitable[None]]]:
    return {
        stores_messages.STORE_CREATED: handlers.on_store_created,
        stores_messages.STORE_REBRANDED: handlers.on_store_rebranded,
        stores_messages.PRODUCT_ADDED: handlers.on_product_added,
        stores_messages.PRODUCT_REBRANDED: handlers.on_product_rebranded,
        stores_messages.PRODUCT_PRICE_INCREASED: handlers.on_product_price_increased,
        stores_messages.PRODUCT_PRICE_DECREASED: handlers.on_product_price_decreased,
        stores_messages.PRODUCT_REMOVED: handlers.on_product_removed,
    }


def build_baskets_core(stores: StoresCore) -> BasketsCore:
    sink = RecordingSink()
    events = InMemoryEventStore(Basket)
    store_cache, product_cache = InMemoryStoreCache(), InMemoryProductCache()
    requests = LoopbackStoresRequests(stores.queries)
    deps = BasketsDeps(
        baskets=DispatchingRepository(
            events, [BasketEventsTranslator(OutboxBasketsPublisher(sink))]
        ),
        lookup=CatalogLookup(store_cache, product_cache, requests),
        ids=SequentialIds("basket"),
    )
    return BasketsCore(
        service=BasketsService(deps),
        handlers=BasketsCacheHandlers(store_cache, product_cache),
        sink=sink,
        events=events,
        store_cache=store_cache,
        product_cache=product_cache,
        requests=requests,
        stores=stores,
    )


@pytest.fixture
def core() -> BasketsCore:
    return build_baskets_core(build_stores_core())
