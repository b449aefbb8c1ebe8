"""Consumer side of `pacts/busywork-ordering-api.json`: the simulator follows an order
after checkout (404 until ordering has made it; then its status and shopping list) and
cancels some approved orders."""

from __future__ import annotations

import pytest
from pact import match

from mall_adapters.busywork.answers import Order
from tests.contract.busywork_cases import Case, check, description, done, recorder_for, refused
from tests.support.contract_http import Request, non_empty, one_of, path_from_state
from tests.support.contract_pacts import PactRecorder

ORDER_ID = "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f"
ORDER_PATH = path_from_state("/api/ordering/{orderId}", orderId=ORDER_ID)
STATUSES = ("pending", "rejected", "approved", "ready", "completed", "cancelled")
CASES = [
    Case(
        Request(
            "a request for an approved order",
            "GET",
            ORDER_PATH,
            given=("an order exists", {"status": "approved"}),
        ),
        200,
        {
            "order": {
                "status": one_of("approved", *STATUSES),
                "shoppingId": non_empty("shopping-id"),
            }
        },
        lambda api: api.get_order(ORDER_ID, not_yet=True),
        Order(status="approved", shopping_id="shopping-id"),
    ),
    Case(
        Request(
            "a request for a pending order",
            "GET",
            ORDER_PATH,
            given=("an order exists", {"status": "pending"}),
        ),
        200,
        {"order": {"status": one_of("pending", *STATUSES), "shoppingId": match.str("")}},
        lambda api: api.get_order(ORDER_ID, not_yet=True),
        Order(status="pending", shopping_id=""),
    ),
    refused(
        Request("a request for an order not made yet", "GET", "/api/ordering/unknown-order"),
        404,
        "order with that ID does not exist",
        lambda api: api.get_order("unknown-order", not_yet=True),
    ),
    done(
        Request(
            "a request to cancel an approved order",
            "DELETE",
            ORDER_PATH,
            given=("an order exists", {"status": "approved"}),
        ),
        lambda api: api.cancel_order(ORDER_ID),
    ),
]
recorder = recorder_for("ordering-api", CASES)


@pytest.mark.parametrize("case", CASES, ids=description)
def test_the_simulator_gets_the_answer(case: Case, recorder: PactRecorder) -> None:
    check(case, recorder)
