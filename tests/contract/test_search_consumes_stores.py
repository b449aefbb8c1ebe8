"""Consumer side of `pacts/search-stores.json`: the stores and products events search caches
names from, and the GetStore/GetProduct look-ups it sends on a cache miss."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pact import Pact, match

from mall.search.ports import CachedProduct, CachedStore
from mall_contracts.stores import messages
from mall_contracts.stores.subjects import PRODUCT_EVENTS, STORE_EVENTS
from tests.contract import stores_lookups as lookups
from tests.contract.search_consumer import SearchConsumer, expect
from tests.support.contract_pacts import PactRecorder, run_sync

CONSUMER, PROVIDER = "search", "stores"
DESCRIPTIONS = (
    "a StoreCreated message",
    "a StoreRebranded message",
    "a ProductAdded message",
    "a ProductRebranded message",
    "a ProductRemoved message",
    *lookups.DESCRIPTIONS,
)
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
def search() -> SearchConsumer:
    return SearchConsumer()


def store(search: SearchConsumer, store_id: str = "store-id") -> CachedStore | None:
    return run_sync(search.core.store_cache.find(store_id))


def product(search: SearchConsumer, product_id: str = "product-id") -> CachedProduct | None:
    return run_sync(search.core.product_cache.find(product_id))


def test_store_created_caches_the_store(recorder: PactRecorder, search: SearchConsumer) -> None:
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
    pact.verify(search.receive, "Async")
    assert store(search) == CachedStore("store-id", "NewStore", 1)
    recorder.record(pact)


def test_store_rebranded_renames_the_store(recorder: PactRecorder, search: SearchConsumer) -> None:
    run_sync(search.core.store_cache.save(CachedStore("store-id", "NewStore", 1)))
    pact = expect(
        stores_pact(),
        "a StoreRebranded message",
        STORE_EVENTS,
        messages.STORE_REBRANDED,
        {"id": match.str("store-id"), "name": match.str("RebrandedStore"), "version": match.int(2)},
    )
    pact.verify(search.receive, "Async")
    assert store(search) == CachedStore("store-id", "RebrandedStore", 2)
    recorder.record(pact)


def test_product_added_caches_the_product(recorder: PactRecorder, search: SearchConsumer) -> None:
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
    pact.verify(search.receive, "Async")
    assert product(search) == PRODUCT
    recorder.record(pact)


def test_product_rebranded_renames_the_product(
    recorder: PactRecorder, search: SearchConsumer
) -> None:
    run_sync(search.core.product_cache.save(PRODUCT))
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
    pact.verify(search.receive, "Async")
    assert product(search) == CachedProduct("product-id", "store-id", "RebrandedProduct", 2)
    recorder.record(pact)


def test_product_removed_keeps_the_name(recorder: PactRecorder, search: SearchConsumer) -> None:
    run_sync(search.core.product_cache.save(PRODUCT))
    pact = expect(
        stores_pact(),
        "a ProductRemoved message",
        PRODUCT_EVENTS,
        messages.PRODUCT_REMOVED,
        {"id": match.str("product-id"), "version": match.int(2)},
    )
    pact.verify(search.receive, "Async")
    assert product(search) == CachedProduct("product-id", "store-id", "TheProduct", 2)
    assert search.core.product_cache.removed == {"product-id"}
    recorder.record(pact)


def test_get_store_fills_the_cache(recorder: PactRecorder, search: SearchConsumer) -> None:
    pact = lookups.expect_store(stores_pact())
    found = search.look_up(pact, lambda names: names.store("store-id"))
    assert found == [CachedStore("store-id", "NewStore", 1)]
    assert store(search) == found[0]
    recorder.record(pact)


def test_get_product_fills_the_cache(recorder: PactRecorder, search: SearchConsumer) -> None:
    pact = lookups.expect_product(stores_pact())
    found = search.look_up(pact, lambda names: names.product("product-id"))
    assert found == [PRODUCT]
    assert product(search) == PRODUCT
    recorder.record(pact)


def test_an_unknown_store_has_no_name(recorder: PactRecorder, search: SearchConsumer) -> None:
    pact = lookups.expect_unknown_store(stores_pact())
    assert search.look_up(pact, lambda names: names.store("unknown-id")) == [None]
    assert store(search, "unknown-id") is None
    recorder.record(pact)


def test_an_unknown_product_has_no_name(recorder: PactRecorder, search: SearchConsumer) -> None:
    pact = lookups.expect_unknown_product(stores_pact())
    assert search.look_up(pact, lambda names: names.product("unknown-id")) == [None]
    assert product(search, "unknown-id") is None
    recorder.record(pact)
