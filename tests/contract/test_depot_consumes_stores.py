"""Consumer side of `pacts/depot-stores.json`: the stores events depot keeps its caches from
(the reference's `depot-stores` pact, with the location and the version), and the
GetStore/GetProduct look-ups a shopping list of uncached stores and products sends."""

from __future__ import annotations

import msgspec
import pytest
from pact import match

from mall.depot.application.lookup import Catalog
from mall.depot.ports import CachedProduct, CachedStore
from mall.kernel.errors import NotFoundError
from mall_contracts.stores import messages
from mall_contracts.stores.subjects import STORE_EVENTS
from tests.contract import stores_messages as stores
from tests.contract.depot_consumer import DepotConsumer
from tests.contract.stores_messages import CacheCase, check_cached
from tests.support.contract_consumer import expect_message
from tests.support.contract_pacts import PactRecorder, pact_recorder

STORE = CachedStore("store-id", "NewStore", "NewLocation", 1)
PRODUCT = CachedProduct("product-id", "store-id", "TheProduct", 1)
EVENTS = stores.cache_cases(
    store=STORE,
    rebranded_store=CachedStore("store-id", "RebrandedStore", "NewLocation", 2),
    product=PRODUCT,
    rebranded_product=CachedProduct("product-id", "store-id", "RebrandedProduct", 2),
    removed_product=None,  # forgotten
)
recorder = pact_recorder(
    "depot", "stores", [*(case.event.description for case in EVENTS), *stores.LOOK_UPS]
)


@pytest.fixture
def depot() -> DepotConsumer:
    return DepotConsumer.build()


@pytest.mark.parametrize("case", EVENTS, ids=lambda case: case.intent)
def test_a_stores_event_updates_the_cache(
    case: CacheCase, recorder: PactRecorder, depot: DepotConsumer
) -> None:
    caches = (depot.core.store_cache, depot.core.product_cache)
    pact = check_cached(case, depot.receive, *caches, recorder.new_pact())
    recorder.record(pact)


def test_get_store_resolves_an_uncached_store(recorder: PactRecorder, depot: DepotConsumer) -> None:
    pact = stores.expect_store(recorder.new_pact())
    [catalog] = depot.look_up(pact, lambda lookup: lookup.resolve(["store-id"], []))
    assert isinstance(catalog, Catalog)
    assert catalog.stores == {"store-id": STORE}
    assert catalog.fetched_stores == [STORE]  # cached with the list
    recorder.record(pact)


def test_get_product_resolves_an_uncached_product(
    recorder: PactRecorder, depot: DepotConsumer
) -> None:
    pact = stores.expect_product(recorder.new_pact())
    [catalog] = depot.look_up(pact, lambda lookup: lookup.resolve([], ["product-id"]))
    assert isinstance(catalog, Catalog)
    assert catalog.products == {"product-id": PRODUCT}
    assert catalog.fetched_products == [PRODUCT]
    recorder.record(pact)


def test_an_unknown_store_is_not_located(recorder: PactRecorder, depot: DepotConsumer) -> None:
    pact = stores.expect_unknown_store(recorder.new_pact())
    [error] = depot.look_up(pact, lambda lookup: lookup.resolve(["unknown-id"], []))
    assert isinstance(error, NotFoundError)
    assert error.message == "building shopping list: store 'unknown-id' was not located"
    recorder.record(pact)


def test_an_unknown_product_is_not_located(recorder: PactRecorder, depot: DepotConsumer) -> None:
    pact = stores.expect_unknown_product(recorder.new_pact())
    [error] = depot.look_up(pact, lambda lookup: lookup.resolve([], ["unknown-id"]))
    assert isinstance(error, NotFoundError)
    assert error.message == "building shopping list: product 'unknown-id' was not located"
    recorder.record(pact)


def test_a_store_created_without_a_location_fails_the_consumer(
    recorder: PactRecorder, depot: DepotConsumer
) -> None:
    # A Pact of its own that is never recorded: it must not reach the committed contract.
    pact = expect_message(
        recorder.new_pact(),
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
