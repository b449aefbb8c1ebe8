"""The stores messages of the modules that keep stores and products in caches (baskets, depot,
search): the events each of their pacts holds (`ExampleMessage`s, checked by `check_cached`),
and the GetStore and GetProduct look-ups they send on a cache miss: each pact holds the same
four, a store and a product that exist (provider states) and an unknown id of each. On the
provider side of their own pacts, `stock_a_product` makes what their look-ups find."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pact import Pact, match

from mall_adapters.memory.versioned_cache import InMemoryVersionedCache
from mall_contracts.common import messages as common
from mall_contracts.stores import http as stores_http
from mall_contracts.stores import messages
from mall_contracts.stores.subjects import GET_PRODUCT, GET_STORE, PRODUCT_EVENTS, STORE_EVENTS
from tests.support.contract_consumer import ExampleMessage, Handler
from tests.support.contract_lookups import expect_reply
from tests.support.contract_pacts import run_sync
from tests.support.cores import StoresCore

STORE = {
    "id": match.str("store-id"),
    "name": match.str("NewStore"),
    "location": match.str("NewLocation"),
}
PRODUCT = {
    "id": match.str("product-id"),
    "store_id": match.str("store-id"),
    "name": match.str("TheProduct"),
    "description": match.str("A product"),
    "sku": match.str("sku-1"),
    "price": match.number(10.0),
    "version": match.int(1),
}
"""A product as stores publishes it when added, and answers it to GetProduct."""

STORE_CREATED = ExampleMessage(
    "a StoreCreated message",
    STORE_EVENTS,
    messages.STORE_CREATED,
    {**STORE, "version": match.int(1)},
)
STORE_REBRANDED = ExampleMessage(
    "a StoreRebranded message",
    STORE_EVENTS,
    messages.STORE_REBRANDED,
    {"id": match.str("store-id"), "name": match.str("RebrandedStore"), "version": match.int(2)},
)
PRODUCT_ADDED = ExampleMessage(
    "a ProductAdded message", PRODUCT_EVENTS, messages.PRODUCT_ADDED, PRODUCT
)
PRODUCT_REBRANDED = ExampleMessage(
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
PRODUCT_REMOVED = ExampleMessage(
    "a ProductRemoved message",
    PRODUCT_EVENTS,
    messages.PRODUCT_REMOVED,
    {"id": match.str("product-id"), "version": match.int(2)},
)


@dataclass(frozen=True)
class CacheCase:
    """A stores event, and what the consumer has cached of the store or product it is about
    (`store-id`, `product-id`) before it and after it (None: nothing)."""

    intent: str  # the test's id
    event: ExampleMessage
    before: object | None
    after: object | None


def cache_cases(
    *,
    store: object,
    rebranded_store: object,
    product: object,
    rebranded_product: object,
    removed_product: object | None,
) -> list[CacheCase]:
    """The stores events every consumer of them handles, and what it caches from each: the
    store it caches from StoreCreated, then rebranded; the product it caches from
    ProductAdded, then rebranded; what is left of the product once removed."""
    return [
        CacheCase("store created caches the store", STORE_CREATED, None, store),
        CacheCase("store rebranded renames the store", STORE_REBRANDED, store, rebranded_store),
        CacheCase("product added caches the product", PRODUCT_ADDED, None, product),
        CacheCase(
            "product rebranded renames the product", PRODUCT_REBRANDED, product, rebranded_product
        ),
        CacheCase("product removed", PRODUCT_REMOVED, product, removed_product),
    ]


def check_cached(
    case: CacheCase,
    receive: Handler,
    stores: InMemoryVersionedCache[Any],
    products: InMemoryVersionedCache[Any],
    pact: Pact,
) -> Pact:
    """The test of one event: the consumer's caches hold `before`; the example event (added to
    `pact`), handled by `receive` (the consumer's routes), leaves them holding `after`.
    Returns the verified pact, for the test to record once its own checks passed."""
    about_a_store = case.event.subject == STORE_EVENTS
    cache, cached_id = (stores, "store-id") if about_a_store else (products, "product-id")
    if case.before is not None:
        run_sync(cache.save(case.before))
    case.event.expect(pact).verify(receive, "Async")
    assert run_sync(cache.find(cached_id)) == case.after
    return pact


async def stock_a_product(stores: StoresCore) -> tuple[str, str]:
    """A store (`TheStore`) with a product (`TheProduct`, 10.0), made through stores' real use
    cases, for a provider scenario whose look-ups stores answers: their ids."""
    body = stores_http.CreateStoreRequest(name="TheStore", location="TheLocation")
    store = await stores.service.create_store(body)
    product = stores_http.AddProductRequest(name="TheProduct", price=10.0)
    return store.id, (await stores.service.add_product(store.id, product)).id


STORE_FOUND = "a GetStore query"
STORE_UNKNOWN = "a GetStore query for an unknown store"
PRODUCT_FOUND = "a GetProduct query"
PRODUCT_UNKNOWN = "a GetProduct query for an unknown product"
LOOK_UPS = (STORE_FOUND, STORE_UNKNOWN, PRODUCT_FOUND, PRODUCT_UNKNOWN)


def expect_store(pact: Pact) -> Pact:
    """GetStore for `store-id`, which exists."""
    return expect_reply(
        pact,
        STORE_FOUND,
        (GET_STORE, messages.GET_STORE, {"id": "store-id"}),
        (
            messages.GET_STORE_REPLY,
            {"store": {**STORE, "participating": match.bool(False), "version": match.int(1)}},
        ),
        given=("a store exists", {"id": "store-id"}),
    )


def expect_product(pact: Pact) -> Pact:
    """GetProduct for `product-id` (of `store-id`), which exists."""
    return expect_reply(
        pact,
        PRODUCT_FOUND,
        (GET_PRODUCT, messages.GET_PRODUCT, {"id": "product-id"}),
        (messages.GET_PRODUCT_REPLY, {"product": PRODUCT}),
        given=("a product exists", {"id": "product-id", "storeId": "store-id"}),
    )


def expect_unknown_store(pact: Pact) -> Pact:
    """GetStore for `unknown-id`: not found."""
    return _unknown(pact, STORE_UNKNOWN, GET_STORE, messages.GET_STORE, "store")


def expect_unknown_product(pact: Pact) -> Pact:
    """GetProduct for `unknown-id`: not found."""
    return _unknown(pact, PRODUCT_UNKNOWN, GET_PRODUCT, messages.GET_PRODUCT, "product")


def _unknown(pact: Pact, description: str, subject: str, name: str, kind: str) -> Pact:
    message = match.str(f"{kind} with that ID does not exist")
    query = (subject, name, {"id": "unknown-id"})
    return expect_reply(pact, description, query, (common.NOT_FOUND, {"message": message}))
