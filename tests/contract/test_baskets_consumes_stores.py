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

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import msgspec
import pytest
from pact import Pact, match

from mall.baskets.application.lookup import PRODUCT_NOT_LOCATED, STORE_NOT_LOCATED, CatalogLookup
from mall.baskets.ports import CachedProduct, CachedStore
from mall.kernel.errors import NotFoundError
from mall_adapters.memory.baskets import InMemoryProductCache, InMemoryStoreCache
from mall_adapters.memory.unit_of_work import InMemoryUnitOfWork
from mall_adapters.messaging.generated.baskets import NatsBasketsRequests, build_baskets_router
from mall_contracts.stores import messages
from mall_contracts.stores.subjects import PRODUCT_EVENTS, STORE_EVENTS
from tests.contract import stores_lookups as lookups
from tests.support.contract_consumer import RecordingConsumer
from tests.support.contract_lookups import interaction_requesters
from tests.support.contract_pacts import PactRecorder, run_sync
from tests.support.cores import build_baskets_core

CONSUMER, PROVIDER = "baskets", "stores"
DESCRIPTIONS = (
    "a StoreCreated message",
    "a StoreRebranded message",
    "a ProductAdded message",
    "a ProductRebranded message",
    "a ProductPriceIncreased message",
    "a ProductPriceDecreased message",
    "a ProductRemoved message",
    *lookups.DESCRIPTIONS,
)

Q = TypeVar("Q", bound=msgspec.Struct)
R = TypeVar("R", bound=msgspec.Struct)
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

    def seed_store(self, store: CachedStore) -> None:
        run_sync(self.stores.save(store))

    def seed_product(self, product: CachedProduct) -> None:
        run_sync(self.products.save(product))

    def look_up(
        self, pact: Pact, ask: Callable[[CatalogLookup], Awaitable[T]]
    ) -> list[T | NotFoundError]:
        """Run `ask` once per synchronous interaction of `pact`, answered by it; the results
        (or the `NotFoundError` raised)."""
        results: list[T | NotFoundError] = []
        for requester in interaction_requesters(pact):
            catalog = CatalogLookup(
                InMemoryUnitOfWork(), self.stores, self.products, NatsBasketsRequests(requester)
            )
            try:
                results.append(run_sync(ask(catalog)))
            except NotFoundError as error:
                results.append(error)
        return results


def expect(pact: Pact, description: str, subject: str, name: str, body: dict[str, Any]) -> Pact:
    (
        pact.upon_receiving(description, "Async")
        .with_body(body, content_type="application/json")
        .with_metadata({"subject": subject, "name": name, "contentType": "application/json"})
    )
    return pact


def stores_pact() -> Pact:
    return Pact(CONSUMER, PROVIDER).with_specification("V4")


PRODUCT = CachedProduct("product-id", "store-id", "TheProduct", 10.0, 1)


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    scratch: Path = tmp_path_factory.mktemp("pacts")
    recorder = PactRecorder(CONSUMER, PROVIDER, scratch, DESCRIPTIONS)
    yield recorder
    recorder.publish()


@pytest.fixture
def baskets() -> BasketsConsumer:
    return BasketsConsumer.build()


def test_store_created_adds_the_store(recorder: PactRecorder, baskets: BasketsConsumer) -> None:
    pact = expect(
        stores_pact(),
        "a StoreCreated message",
        STORE_EVENTS,
        messages.STORE_CREATED,
        {
            "id": match.str("store-id"),
            "name": match.str("NewStore"),
            "location": match.str("NewLocation"),
            "version": match.int(1),
        },
    )
    pact.verify(baskets.receive, "Async")
    assert baskets.store("store-id") == CachedStore("store-id", "NewStore", 1)
    recorder.record(pact)


def test_store_rebranded_renames_the_store(
    recorder: PactRecorder, baskets: BasketsConsumer
) -> None:
    baskets.seed_store(CachedStore("store-id", "NewStore", 1))
    pact = expect(
        stores_pact(),
        "a StoreRebranded message",
        STORE_EVENTS,
        messages.STORE_REBRANDED,
        {
            "id": match.str("store-id"),
            "name": match.str("RebrandedStore"),
            "version": match.int(2),
        },
    )
    pact.verify(baskets.receive, "Async")
    assert baskets.store("store-id") == CachedStore("store-id", "RebrandedStore", 2)
    recorder.record(pact)


def test_product_added_adds_the_product(recorder: PactRecorder, baskets: BasketsConsumer) -> None:
    pact = expect(
        stores_pact(),
        "a ProductAdded message",
        PRODUCT_EVENTS,
        messages.PRODUCT_ADDED,
        {
            "id": match.str("product-id"),
            "store_id": match.str("store-id"),
            "name": match.str("TheProduct"),
            "description": match.str("A product"),
            "sku": match.str("sku-1"),
            "price": match.number(10.0),
            "version": match.int(1),
        },
    )
    pact.verify(baskets.receive, "Async")
    assert baskets.product("product-id") == PRODUCT
    recorder.record(pact)


def test_product_rebranded_renames_the_product(
    recorder: PactRecorder, baskets: BasketsConsumer
) -> None:
    baskets.seed_product(PRODUCT)
    pact = expect(
        stores_pact(),
        "a ProductRebranded message",
        PRODUCT_EVENTS,
        messages.PRODUCT_REBRANDED,
        {
            "id": match.str("product-id"),
            "name": match.str("RebrandedProduct"),
            "description": match.str("A rebranded product"),
            "version": match.int(2),
        },
    )
    pact.verify(baskets.receive, "Async")
    assert baskets.product("product-id") == CachedProduct(
        "product-id", "store-id", "RebrandedProduct", 10.0, 2
    )
    recorder.record(pact)


@pytest.mark.parametrize(
    ("description", "name", "delta", "price"),
    [
        ("a ProductPriceIncreased message", messages.PRODUCT_PRICE_INCREASED, 2.5, 12.5),
        ("a ProductPriceDecreased message", messages.PRODUCT_PRICE_DECREASED, -2.5, 7.5),
    ],
)
def test_product_price_changed_sets_the_new_price(
    recorder: PactRecorder,
    baskets: BasketsConsumer,
    description: str,
    name: str,
    delta: float,
    price: float,
) -> None:
    baskets.seed_product(PRODUCT)
    pact = expect(
        stores_pact(),
        description,
        PRODUCT_EVENTS,
        name,
        {
            "id": match.str("product-id"),
            "delta": match.number(delta),
            "price": match.number(price),
            "version": match.int(2),
        },
    )
    pact.verify(baskets.receive, "Async")
    cached = baskets.product("product-id")
    assert cached is not None
    assert cached.price == pytest.approx(price)
    assert cached.version == 2
    recorder.record(pact)


def test_product_removed_removes_the_product(
    recorder: PactRecorder, baskets: BasketsConsumer
) -> None:
    baskets.seed_product(PRODUCT)
    pact = expect(
        stores_pact(),
        "a ProductRemoved message",
        PRODUCT_EVENTS,
        messages.PRODUCT_REMOVED,
        {"id": match.str("product-id"), "version": match.int(2)},
    )
    pact.verify(baskets.receive, "Async")
    assert baskets.product("product-id") is None
    recorder.record(pact)


def test_get_store_fills_the_cache(recorder: PactRecorder, baskets: BasketsConsumer) -> None:
    pact = lookups.expect_store(stores_pact())
    found = baskets.look_up(pact, lambda catalog: catalog.store("store-id"))
    assert found == [CachedStore("store-id", "NewStore", 1)]
    assert baskets.store("store-id") == found[0]
    recorder.record(pact)


def test_get_product_fills_the_cache(recorder: PactRecorder, baskets: BasketsConsumer) -> None:
    pact = lookups.expect_product(stores_pact())
    found = baskets.look_up(pact, lambda catalog: catalog.product("product-id"))
    assert found == [PRODUCT]
    assert baskets.product("product-id") == PRODUCT
    recorder.record(pact)


def test_an_unknown_store_is_not_located(recorder: PactRecorder, baskets: BasketsConsumer) -> None:
    pact = lookups.expect_unknown_store(stores_pact())
    [error] = baskets.look_up(pact, lambda catalog: catalog.store("unknown-id"))
    assert isinstance(error, NotFoundError) and error.message == STORE_NOT_LOCATED
    assert baskets.store("unknown-id") is None
    recorder.record(pact)


def test_an_unknown_product_is_not_located(
    recorder: PactRecorder, baskets: BasketsConsumer
) -> None:
    pact = lookups.expect_unknown_product(stores_pact())
    [error] = baskets.look_up(pact, lambda catalog: catalog.product("unknown-id"))
    assert isinstance(error, NotFoundError) and error.message == PRODUCT_NOT_LOCATED
    assert baskets.product("unknown-id") is None
    recorder.record(pact)


def test_a_message_missing_a_required_field_fails_the_consumer(baskets: BasketsConsumer) -> None:
    # A Pact of its own that is never written: it must not reach the committed contract.
    pact = expect(
        stores_pact(),
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
