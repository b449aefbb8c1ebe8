"""Consumer side of `pacts/busywork-stores-api.json`: the simulator's admins set up stores
and products and rebrand them; its shoppers list the stores and read a store, its catalog
(which may be empty) and a product."""

from __future__ import annotations

import pytest
from pact import match

from mall_adapters.busywork.answers import Product, Store
from tests.contract.busywork_cases import KEY, Case, check, description, done, recorder_for
from tests.support.contract_http import Matchable, Request, non_empty, one_or_more, path_from_state
from tests.support.contract_pacts import PactRecorder

STORE_ID = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
PRODUCT_ID = "3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c6d"
A_STORE: tuple[str, dict[str, str]] = ("a store exists", {})
A_PRODUCT: tuple[str, dict[str, str]] = ("a product exists", {})
STORE = {"id": non_empty(STORE_ID), "name": match.str("Acme Inc")}
PRODUCT = {
    "id": non_empty(PRODUCT_ID),
    "name": match.str("Rustic Wooden Kite"),
    "price": match.number(9.98),
}


def store_path(suffix: str = "") -> Matchable:
    return path_from_state(f"/api/stores/{{storeId}}{suffix}", storeId=STORE_ID)


def product_path(suffix: str = "") -> Matchable:
    return path_from_state(f"/api/stores/products/{{productId}}{suffix}", productId=PRODUCT_ID)


CASES = [
    Case(
        Request(
            "a request to create a store",
            "POST",
            "/api/stores",
            {"name": "Acme Inc", "location": "Books"},
            KEY,
        ),
        200,
        {"id": non_empty(STORE_ID)},
        lambda api: api.create_store("Acme Inc", "Books"),
        STORE_ID,
    ),
    Case(
        Request("a request for the stores", "GET", "/api/stores", given=A_STORE),
        200,
        {"stores": one_or_more(STORE)},
        lambda api: api.get_stores(),
        [Store(id=STORE_ID, name="Acme Inc")],
    ),
    Case(
        Request("a request for a store", "GET", store_path(), given=A_STORE),
        200,
        {"store": STORE},
        lambda api: api.get_store(STORE_ID),
        Store(id=STORE_ID, name="Acme Inc"),
    ),
    done(
        Request(
            "a request to rebrand a store",
            "PUT",
            store_path("/rebrand"),
            {"name": "Globex Co"},
            given=A_STORE,
        ),
        lambda api: api.rebrand_store(STORE_ID, "Globex Co"),
    ),
    Case(
        Request(
            "a request to add a product",
            "POST",
            store_path("/products"),
            {
                "name": "Rustic Wooden Kite",
                "description": "Unleash frictionless joy",
                "sku": "rustic",
                "price": 9.98,
            },
            KEY,
            given=A_STORE,
        ),
        200,
        {"id": non_empty(PRODUCT_ID)},
        lambda api: api.add_product(
            STORE_ID, "Rustic Wooden Kite", "Unleash frictionless joy", "rustic", 9.98
        ),
        PRODUCT_ID,
    ),
    Case(
        Request("a request for a store's catalog", "GET", store_path("/products"), given=A_PRODUCT),
        200,
        {"products": one_or_more(PRODUCT)},
        lambda api: api.get_catalog(STORE_ID),
        [Product(id=PRODUCT_ID, name="Rustic Wooden Kite", price=9.98)],
    ),
    Case(
        Request(
            "a request for the catalog of a store without products",
            "GET",
            store_path("/products"),
            given=A_STORE,
        ),
        200,
        {"products": []},
        lambda api: api.get_catalog(STORE_ID),
        [],
    ),
    Case(
        Request("a request for a product", "GET", product_path(), given=A_PRODUCT),
        200,
        {"product": PRODUCT},
        lambda api: api.get_product(PRODUCT_ID),
        Product(id=PRODUCT_ID, name="Rustic Wooden Kite", price=9.98),
    ),
    done(
        Request(
            "a request to rebrand a product",
            "PUT",
            product_path("/rebrand"),
            {"name": "Sleek Steel Drum", "description": "Leverage robust value"},
            given=A_PRODUCT,
        ),
        lambda api: api.rebrand_product(PRODUCT_ID, "Sleek Steel Drum", "Leverage robust value"),
    ),
]
recorder = recorder_for("stores-api", CASES)


@pytest.mark.parametrize("case", CASES, ids=description)
def test_the_simulator_gets_the_answer(case: Case, recorder: PactRecorder) -> None:
    check(case, recorder)
