"""Consumer side of `pacts/depot-stores.json`: the stores events depot keeps its caches from
(the reference's `depot-stores` pact, with the location and the version), and the
GetStore/GetProduct look-ups a shopping list of uncached stores and products sends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from pact import Pact, match

from mall.depot.application.lookup import Catalog
from mall.depot.ports import CachedProduct, CachedStore
from mall.kernel.errors import NotFoundError
from mall_contracts.stores import messages
from mall_contracts.stores.subjects import PRODUCT_EVENTS, STORE_EVENTS
from tests.contract import stores_lookups as lookups
from tests.contract.depot_consumer import DepotConsumer, expect
from tests.support.contract_pacts import PactRecorder

CONSUMER, PROVIDER = "depot", "stores"
DESCRIPTIONS = (
    "a StoreCreated message",
    "a StoreRebranded message",
    "a ProductAdded message",
    "a ProductRebranded message",
    "a ProductRemoved message",
    *lookups.DESCRIPTIONS,
)
STORE = CachedStore("store-id", "NewStore", "NewLocation", 1)
PRODUCT = CachedProduct("product-id", "store-id", "TheProduct", 1)


def stores_pact() -> Pact:
    return Pact(CONSUMER, PROVIDER).with_specification("V4")


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    scratch: Path = tmp_path_factory.mktemp("pacts")
    recorder = PactRecorder(CONSUMER, PROVIDER, scratch, DESCRIPTIONS)
    yield recorder
    recorder.publish()


@pytest.fixture
def depot() -> DepotConsumer:
    return DepotConsumer.build()


def test_store_created_adds_the_store(recorder: PactRecorder, depot: DepotConsumer) -> None:
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
    pact.verify(depot.receive, "Async")
    assert depot.store("store-id") == STORE
    recorder.record(pact)


def test_store_rebranded_renames_the_store(recorder: PactRecorder, depot: DepotConsumer) -> None:
    depot.seed_store(STORE)
    pact = expect(
        stores_pact(),
        "a StoreRebranded message",
        STORE_EVENTS,
        messages.STORE_REBRANDED,
        {"id": match.str("store-id"), "name": match.str("RebrandedStore"), "version": match.int(2)},
    )
    pact.verify(depot.receive, "Async")
    assert depot.store("store-id") == CachedStore("store-id", "RebrandedStore", "NewLocation", 2)
    recorder.record(pact)


def test_product_added_adds_the_product(recorder: PactRecorder, depot: DepotConsumer) -> None:
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
    pact.verify(depot.receive, "Async")
    assert depot.product("product-id") == PRODUCT
    recorder.record(pact)


def test_product_rebranded_renames_the_product(
    recorder: PactRecorder, depot: DepotConsumer
) -> None:
    depot.seed_product(PRODUCT)
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
    pact.verify(depot.receive, "Async")
    assert depot.product("product-id") == CachedProduct(
        "product-id", "store-id", "RebrandedProduct", 2
    )
    recorder.record(pact)


def test_product_removed_removes_the_product(recorder: PactRecorder, depot: DepotConsumer) -> None:
    depot.seed_product(PRODUCT)
    pact = expect(
        stores_pact(),
        "a ProductRemoved message",
        PRODUCT_EVENTS,
        messages.PRODUCT_REMOVED,
        {"id": match.str("product-id"), "version": match.int(2)},
    )
    pact.verify(depot.receive, "Async")
    assert depot.product("product-id") is None
    recorder.record(pact)


def test_get_store_resolves_an_uncached_store(recorder: PactRecorder, depot: DepotConsumer) -> None:
    pact = lookups.expect_store(stores_pact())
    [catalog] = depot.look_up(pact, lambda stores: stores.resolve(["store-id"], []))
    assert isinstance(catalog, Catalog)
    assert catalog.stores == {"store-id": STORE}
    assert catalog.fetched_stores == [STORE]  # cached with the list
    recorder.record(pact)


def test_get_product_resolves_an_uncached_product(
    recorder: PactRecorder, depot: DepotConsumer
) -> None:
    pact = lookups.expect_product(stores_pact())
    [catalog] = depot.look_up(pact, lambda stores: stores.resolve([], ["product-id"]))
    assert isinstance(catalog, Catalog)
    assert catalog.products == {"product-id": PRODUCT}
    assert catalog.fetched_products == [PRODUCT]
    recorder.record(pact)


def test_an_unknown_store_is_not_located(recorder: PactRecorder, depot: DepotConsumer) -> None:
    pact = lookups.expect_unknown_store(stores_pact())
    [error] = depot.look_up(pact, lambda stores: stores.resolve(["unknown-id"], []))
    assert isinstance(error, NotFoundError)
    assert error.message == "building shopping list: store 'unknown-id' was not located"
    recorder.record(pact)


def test_an_unknown_product_is_not_located(recorder: PactRecorder, depot: DepotConsumer) -> None:
    pact = lookups.expect_unknown_product(stores_pact())
    [error] = depot.look_up(pact, lambda stores: stores.resolve([], ["unknown-id"]))
    assert isinstance(error, NotFoundError)
    assert error.message == "building shopping list: product 'unknown-id' was not located"
    recorder.record(pact)


def test_a_store_created_without_a_location_fails_the_consumer(depot: DepotConsumer) -> None:
    # A Pact of its own that is never written: it must not reach the committed contract.
    pact = expect(
        stores_pact(),
        "a StoreCreated message without a location",
        STORE_EVENTS,
        messages.STORE_CREATED,
        {"id": match.str("store-id"), "name": match.str("NewStore"), "version": match.int(1)},
    )
    errors = pact.verify(depot.receive, "Async", raises=False)
    assert [e.description for e in errors] == ["a StoreCreated message without a location"]
    assert isinstance(errors[0].error, msgspec.ValidationError)
    assert "missing required field `location`" in str(errors[0].error)
    assert depot.store("store-id") is None
