"""Consumer side of `pacts/busywork-customers-api.json`: the simulator registers customers."""

from __future__ import annotations

import pytest

from tests.contract.busywork_cases import KEY, Case, check, description, recorder_for
from tests.support.contract_http import Request, non_empty
from tests.support.contract_pacts import PactRecorder

CUSTOMER_ID = "8d2f4b6a-1c3e-4a5b-9d7f-0e1a2b3c4d5e"
CASES = [
    Case(
        Request(
            "a request to register a customer",
            "POST",
            "/api/customers",
            {"name": "Mary Smith", "smsNumber": "555-123-4567"},
            KEY,
        ),
        200,
        {"id": non_empty(CUSTOMER_ID)},
        lambda api: api.register_customer("Mary Smith", "555-123-4567"),
        CUSTOMER_ID,
    ),
]
recorder = recorder_for("customers-api", CASES)


@pytest.mark.parametrize("case", CASES, ids=description)
def test_the_simulator_gets_the_answer(case: Case, recorder: PactRecorder) -> None:
    check(case, recorder)
