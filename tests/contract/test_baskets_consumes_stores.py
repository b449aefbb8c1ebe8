"""Consumer side of `pacts/baskets-stores.json`: the stores events baskets consumes, and the
GetStore/GetProduct look-ups it sends when a product added to a basket is not cached.

Each interaction's example message goes the way a JetStream delivery goes: the routes the
generated binding builds (`build_baskets_router`), picked by the message's subject and name,
decode the body into the contract Struct and call the real `BasketsPolicies`, here over
the in-memory caches. The test then checks what the message did to the caches.

Each look-up runs the real `CatalogLookup` through the generated `NatsBasketsRequests`, whose
requester is the interaction: it checks the query baskets sends and answers with the reply.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

import msgspec
import pytest
from pact import Pact, match

from mall.baskets.application.lookup import PRODUCT_NOT_LOCATED, STORE_NOT_LOCATED, CatalogLookup
from mall.baskets.ports import CachedProduct, CachedStore
from mall.kernel.errors import NotFoundError
from mall_adapters.memory.baskets import InMemoryProductCache, InMemoryStoreCache
from mall_adapters.memory.unit_of_work import InMemoryUnitOfWork
from mall_adapters.messaging.binding import Requester
from mall_adapters.messaging.generated.baskets import NatsBasketsRequests, build_baskets_router
from mall_contracts.stores import messages
from mall_contracts.stores.subjects import PRODUCT_EVENTS, STORE_EVENTS
from tests.contract import stores_messages as stores
from tests.contract.stores_messages import CacheCase, check_cached
from tests.support.contract_consumer import ExampleMessage, RecordingConsumer, expect_message
from tests.support.contract_lookups import ask_each
from tests.support.contract_pacts import PactRecorder, pact_recorder, run_sync
from tests.support.cores import build_baskets_core

T = TypeVar("T")


@dataclass
class BasketsConsumer:
    """The baskets side of the stores events: its real handlers behind the generated routes."""

    stores: InMemoryStoreCache
    products: InMemoryProductCache
    consumer: RecordingConsumer

    @classmethod
    def build(cls) -> BasketsConsumer:
        core = build_baskets_core()
        consumer = RecordingConsumer()
        build_baskets_router(core.handlers, consumer)
        return cls(core.store_cache, core.product_cache, consumer)

    def receive(self, body: str | bytes | None, metadata: dict[str, object]) -> None:
        """One delivery: the route for the message's subject and name runs on the body."""
        self.consumer.deliver(body, metadata)

    def store(self, store_id: str) -> CachedStore | None:
        return run_sync(self.stores.find(store_id))

    def product(self, product_id: str) -> CachedProduct | None:
        return run_sync(self.products.find(product_id))

    def look_up(
        self, pact: Pact, ask: Callable[[CatalogLookup], Awaitable[T]]
    ) -> list[T | NotFoundError]:
        """Run `ask` once per synchronous interaction of `pact`, answered by it; the results
        (or the `NotFoundError` raised)."""

        def catalog(requester: Requester) -> Awaitable[T]:
            requests = NatsBasketsRequests(requester)
            return ask(CatalogLookup(InMemoryUnitOfWork(), self.stores, self.products, requests))

        return ask_each(pact, catalog)


STORE = CachedStore("store-id", "NewStore", 1)
PRODUCT = CachedProduct("product-id", "store-id", "TheProduct", 10.0, 1)


def price_changed(description: str, name: str, delta: float, price: float) -> CacheCase:
    """A ProductPriceIncreased or ProductPriceDecreased: the cached product has the new
    price."""
    body = {
        "id": match.str("product-id"),
        "delta": match.number(delta),
        "price": match.number(price),
        "version": match.int(2),
    }
    event = ExampleMessage(description, PRODUCT_EVENTS, name, body)
    after = CachedProduct("product-id", "store-id", "TheProduct", price, 2)
    return CacheCase(f"{description} sets the new price", event, PRODUCT, after)


EVENTS = [
    *stores.cache_cases(
        store=STORE,
        rebranded_store=CachedStore("store-id", "RebrandedStore", 2),
        product=PRODUCT,
        rebranded_product=CachedProduct("product-id", "store-id", "RebrandedProduct", 10.0, 2),
        removed_product=None,  # forgotten
    ),
    price_changed("a ProductPriceIncreased message", messages.PRODUCT_PRICE_INCREASED, 2.5, 12.5),
    price_changed("a ProductPriceDecreased message", messages.PRODUCT_PRICE_DECREASED, -2.5, 7.5),
]
recorder = pact_recorder(
    "baskets", "stores", [*(case.event.description for case in EVENTS), *stores.LOOK_UPS]
)


@pytest.fixture
def baskets() -> BasketsConsumer:
    return BasketsConsumer.build()


@pytest.mark.parametrize("case", EVENTS, ids=lambda case: case.intent)
def test_a_stores_event_updates_the_cache(
    case: CacheCase, recorder: PactRecorder, baskets: BasketsConsumer
) -> None:
    caches = (baskets.stores, baskets.products)
    pact = check_cached(case, baskets.receive, *caches, recorder.new_pact())
    recorder.record(pact)


def test_get_store_fills_the_cache(recorder: PactRecorder, baskets: BasketsConsumer) -> None:
    pact = stores.expect_store(recorder.new_pact())
    found = baskets.look_up(pact, lambda catalog: catalog.store("store-id"))
    assert found == [STORE]
    assert baskets.store("store-id") == found[0]
    recorder.record(pact)


def test_get_product_fills_the_cache(recorder: PactRecorder, baskets: BasketsConsumer) -> None:
    pact = stores.expect_product(recorder.new_pact())
    found = baskets.look_up(pact, lambda catalog: catalog.product("product-id"))
    assert found == [PRODUCT]
    assert baskets.product("product-id") == PRODUCT
    recorder.record(pact)


def test_an_unknown_store_is_not_located(recorder: PactRecorder, baskets: BasketsConsumer) -> None:
    pact = stores.expect_unknown_store(recorder.new_pact())
    [error] = baskets.look_up(pact, lambda catalog: catalog.store("unknown-id"))
    assert isinstance(error, NotFoundError) and error.message == STORE_NOT_LOCATED
    assert baskets.store("unknown-id") is None
    recorder.record(pact)


def test_an_unknown_product_is_not_located(
    recorder: PactRecorder, baskets: BasketsConsumer
) -> None:
    pact = stores.expect_unknown_product(recorder.new_pact())
    [error] = baskets.look_up(pact, lambda catalog: catalog.product("unknown-id"))
    assert isinstance(error, NotFoundError) and error.message == PRODUCT_NOT_LOCATED
    assert baskets.product("unknown-id") is None
    recorder.record(pact)


def test_a_message_missing_a_required_field_fails_the_consumer(
    recorder: PactRecorder, baskets: BasketsConsumer
) -> None:
    # A Pact of its own that is never recorded: it must not reach the committed contract.
    pact = expect_message(
        recorder.new_pact(),
        "a StoreCreated message without a name",
        STORE_EVENTS,
        messages.STORE_CREATED,
        {"id": match.str("store-id"), "location": match.str("NewLocation")},
    )
    errors = pact.verify(baskets.receive, "Async", raises=False)
    assert [e.description for e in errors] == ["a StoreCreated message without a name"]
    assert isinstance(errors[0].error, msgspec.ValidationError)
    assert "missing required field `name`" in str(errors[0].error)
    assert baskets.store("store-id") is None
