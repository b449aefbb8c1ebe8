"""Consumer side of `pacts/busywork-baskets-api.json`: the simulator's shoppers start a
basket, add products, and either cancel it or check it out with a payment."""

from __future__ import annotations

import pytest

from tests.contract.busywork_cases import KEY, Case, check, description, done, recorder_for
from tests.support.contract_http import Matchable, Request, from_state, non_empty, path_from_state
from tests.support.contract_pacts import PactRecorder

BASKET_ID = "1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6"
PRODUCT_ID = "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910"


def basket_path(suffix: str = "") -> Matchable:
    return path_from_state(f"/api/baskets/{{basketId}}{suffix}", basketId=BASKET_ID)


CASES = [
    Case(
        Request(
            "a request to start a basket",
            "POST",
            "/api/baskets",
            {"customerId": "customer-id"},
            KEY,
        ),
        200,
        {"id": non_empty(BASKET_ID)},
        lambda api: api.start_basket("customer-id"),
        BASKET_ID,
    ),
    done(
        Request(
            "a request to add a product",
            "PUT",
            basket_path("/addItem"),
            {"productId": from_state("productId", PRODUCT_ID), "quantity": 3},
            given=("a basket and a product exist", {}),
        ),
        lambda api: api.add_item(BASKET_ID, PRODUCT_ID, 3),
    ),
    done(
        Request(
            "a request to cancel a basket", "DELETE", basket_path(), given=("a basket exists", {})
        ),
        lambda api: api.cancel_basket(BASKET_ID),
    ),
    done(
        Request(
            "a request to check out a basket",
            "PUT",
            basket_path("/checkout"),
            {"paymentId": "payment-id"},
            given=("a basket with an item exists", {}),
        ),
        lambda api: api.checkout_basket(BASKET_ID, "payment-id"),
    ),
]
recorder = recorder_for("baskets-api", CASES)


@pytest.mark.parametrize("case", CASES, ids=description)
def test_the_simulator_gets_the_answer(case: Case, recorder: PactRecorder) -> None:
    check(case, recorder)
