"""The GetStore and GetProduct interactions of the modules that look stores and products up
on a cache miss (baskets, depot, search): each pact holds the same four, a store and a
product that exist (provider states) and an unknown id of each."""

from __future__ import annotations

from pact import Pact, match

from mall_contracts.common import messages as common
from mall_contracts.stores import messages
from mall_contracts.stores.subjects import GET_PRODUCT, GET_STORE
from tests.support.contract_lookups import expect_reply

STORE_FOUND = "a GetStore query"
STORE_UNKNOWN = "a GetStore query for an unknown store"
PRODUCT_FOUND = "a GetProduct query"
PRODUCT_UNKNOWN = "a GetProduct query for an unknown product"
DESCRIPTIONS = (STORE_FOUND, STORE_UNKNOWN, PRODUCT_FOUND, PRODUCT_UNKNOWN)

STORE_NOT_FOUND = "store with that ID does not exist"
PRODUCT_NOT_FOUND = "product with that ID does not exist"


def expect_store(pact: Pact) -> Pact:
    """GetStore for `store-id`, which exists."""
    return expect_reply(
        pact,
        STORE_FOUND,
        (GET_STORE, messages.GET_STORE, {"id": "store-id"}),
        (
            messages.GET_STORE_REPLY,
            {
                "store": {
                    "id": match.str("store-id"),
                    "name": match.str("NewStore"),
                    "location": match.str("NewLocation"),
                    "participating": match.bool(False),
                    "version": match.int(1),
                }
            },
        ),
        given=("a store exists", {"id": "store-id"}),
    )


def expect_product(pact: Pact) -> Pact:
    """GetProduct for `product-id` (of `store-id`), which exists."""
    return expect_reply(
        pact,
        PRODUCT_FOUND,
        (GET_PRODUCT, messages.GET_PRODUCT, {"id": "product-id"}),
        (
            messages.GET_PRODUCT_REPLY,
            {
                "product": {
                    "id": match.str("product-id"),
                    "store_id": match.str("store-id"),
                    "name": match.str("TheProduct"),
                    "description": match.str("A product"),
                    "sku": match.str("sku-1"),
                    "price": match.number(10.0),
                    "version": match.int(1),
                }
            },
        ),
        given=("a product exists", {"id": "product-id", "storeId": "store-id"}),
    )


def expect_unknown_store(pact: Pact) -> Pact:
    """GetStore for `unknown-id`: not found."""
    return expect_reply(
        pact,
        STORE_UNKNOWN,
        (GET_STORE, messages.GET_STORE, {"id": "unknown-id"}),
        (common.NOT_FOUND, {"message": match.str(STORE_NOT_FOUND)}),
    )


def expect_unknown_product(pact: Pact) -> Pact:
    """GetProduct for `unknown-id`: not found."""
    return expect_reply(
        pact,
        PRODUCT_UNKNOWN,
        (GET_PRODUCT, messages.GET_PRODUCT, {"id": "unknown-id"}),
        (common.NOT_FOUND, {"message": match.str(PRODUCT_NOT_FOUND)}),
    )
