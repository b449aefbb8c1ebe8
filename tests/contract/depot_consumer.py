"""The depot side of the messages it consumes, for its consumer pacts: each example message
goes the way a JetStream delivery goes, through the routes the generated binding builds
(`build_depot_router`), picked by subject and name, into the real `DepotPolicies` over the
in-memory adapters; a saga command through the real command processor (`commands`).

Look-ups run the real `StoresCatalog` through the generated `NatsDepotRequests`, whose
requester is a synchronous interaction: it checks the query depot sends and answers with the
interaction's reply."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pact import Pact

from mall.depot.application.lookup import StoresCatalog
from mall.depot.domain.closed_order import ClosedOrder, CloseReason
from mall.depot.domain.shopping_list import ListLine, ShoppingList
from mall.depot.ports import CachedProduct, CachedStore
from mall.kernel.errors import NotFoundError
from mall_adapters.messaging.binding import Requester
from mall_adapters.messaging.generated.depot import NatsDepotRequests, build_depot_router
from tests.support.contract_consumer import RecordingConsumer
from tests.support.contract_lookups import ask_each
from tests.support.contract_pacts import run_sync
from tests.support.contract_saga import SagaCommands
from tests.support.cores import DepotCore, build_depot_core

T = TypeVar("T")


@dataclass
class DepotConsumer:
    core: DepotCore
    consumer: RecordingConsumer
    commands: SagaCommands

    @classmethod
    def build(cls) -> DepotConsumer:
        core = build_depot_core()
        consumer = RecordingConsumer()
        build_depot_router(core.handlers, consumer)
        return cls(core, consumer, SagaCommands(consumer))

    def receive(self, body: str | bytes | None, metadata: dict[str, object]) -> None:
        """One delivery of an event: the route for its subject and name runs on the body."""
        self.consumer.deliver(body, metadata)

    def store(self, store_id: str) -> CachedStore | None:
        return run_sync(self.core.store_cache.find(store_id))

    def product(self, product_id: str) -> CachedProduct | None:
        return run_sync(self.core.product_cache.find(product_id))

    def shopping_list(self, list_id: str) -> ShoppingList | None:
        return run_sync(self.core.records.load(list_id))

    def lists_of(self, order_id: str) -> list[ShoppingList]:
        return run_sync(self.core.records.for_order(order_id))

    def closing_reason(self, order_id: str) -> CloseReason | None:
        """Why the order is closed, None while it is open."""
        closed = run_sync(self.core.closed_orders.find(order_id))
        return None if closed is None else closed.reason

    def seed_closed(self, closing: ClosedOrder) -> None:
        run_sync(self.core.closed_orders.close(closing))

    def seed_store(self, store: CachedStore) -> None:
        run_sync(self.core.store_cache.save(store))

    def seed_product(self, product: CachedProduct) -> None:
        run_sync(self.core.product_cache.save(product))

    def seed_list(self, list_id: str, order_id: str, *steps: Callable[[ShoppingList], Any]) -> None:
        """A saved list of the order with one line, after `steps` (e.g. `ShoppingList.initiate`)."""
        line = ListLine("store-id", "TheStore", "TheLocation", "product-id", "TheProduct", 1)
        shopping = ShoppingList.create(list_id, order_id, [line])
        for step in steps:
            step(shopping)
        run_sync(self.core.records.save(shopping))

    def look_up(
        self, pact: Pact, ask: Callable[[StoresCatalog], Awaitable[T]]
    ) -> list[T | NotFoundError]:
        """Run `ask` once per synchronous interaction of `pact`, answered by it; the results
        (or the `NotFoundError` raised)."""

        def catalog(requester: Requester) -> Awaitable[T]:
            requests = NatsDepotRequests(requester)
            return ask(StoresCatalog(self.core.store_cache, self.core.product_cache, requests))

        return ask_each(pact, catalog)
