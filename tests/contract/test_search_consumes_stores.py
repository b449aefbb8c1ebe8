"""Consumer side of `pacts/search-stores.json`: the stores and products events search caches
names from, and the GetStore/GetProduct look-ups it sends on a cache miss."""

from __future__ import annotations

import pytest

from mall.search.ports import CachedProduct, CachedStore
from tests.contract import stores_messages as stores
from tests.contract.search_consumer import SearchConsumer
from tests.contract.stores_messages import CacheCase, check_cached
from tests.support.contract_pacts import PactRecorder, pact_recorder, run_sync

STORE = CachedStore("store-id", "NewStore", 1)
PRODUCT = CachedProduct("product-id", "store-id", "TheProduct", 1)
EVENTS = stores.cache_cases(
    store=STORE,
    rebranded_store=CachedStore("store-id", "RebrandedStore", 2),
    product=PRODUCT,
    rebranded_product=CachedProduct("product-id", "store-id", "RebrandedProduct", 2),
    # A removed product keeps its name (orders of it still show it), marked removed.
    removed_product=CachedProduct("product-id", "store-id", "TheProduct", 2),
)
recorder = pact_recorder(
    "search", "stores", [*(case.event.description for case in EVENTS), *stores.LOOK_UPS]
)


@pytest.fixture
def search() -> SearchConsumer:
    return SearchConsumer()


def store(search: SearchConsumer, store_id: str = "store-id") -> CachedStore | None:
    return run_sync(search.core.store_cache.find(store_id))


def product(search: SearchConsumer, product_id: str = "product-id") -> CachedProduct | None:
    return run_sync(search.core.product_cache.find(product_id))


@pytest.mark.parametrize("case", EVENTS, ids=lambda case: case.intent)
def test_a_stores_event_updates_the_cache(
    case: CacheCase, recorder: PactRecorder, search: SearchConsumer
) -> None:
    caches = (search.core.store_cache, search.core.product_cache)
    pact = check_cached(case, search.receive, *caches, recorder.new_pact())
    removed = {"product-id"} if case.event is stores.PRODUCT_REMOVED else set()
    assert search.core.product_cache.removed == removed
    recorder.record(pact)


def test_get_store_fills_the_cache(recorder: PactRecorder, search: SearchConsumer) -> None:
    pact = stores.expect_store(recorder.new_pact())
    found = search.look_up(pact, lambda names: names.store("store-id"))
    assert found == [STORE]
    assert store(search) == found[0]
    recorder.record(pact)


def test_get_product_fills_the_cache(recorder: PactRecorder, search: SearchConsumer) -> None:
    pact = stores.expect_product(recorder.new_pact())
    found = search.look_up(pact, lambda names: names.product("product-id"))
    assert found == [PRODUCT]
    assert product(search) == PRODUCT
    recorder.record(pact)


def test_an_unknown_store_has_no_name(recorder: PactRecorder, search: SearchConsumer) -> None:
    pact = stores.expect_unknown_store(recorder.new_pact())
    assert search.look_up(pact, lambda names: names.store("unknown-id")) == [None]
    assert store(search, "unknown-id") is None
    recorder.record(pact)


def test_an_unknown_product_has_no_name(recorder: PactRecorder, search: SearchConsumer) -> None:
    pact = stores.expect_unknown_product(recorder.new_pact())
    assert search.look_up(pact, lambda names: names.product("unknown-id")) == [None]
    assert product(search, "unknown-id") is None
    recorder.record(pact)
