"""Consumer side of `pacts/busywork-payments-api.json`: a buyer authorizes a payment, the
cashier pays the order's invoice (and polls while payments has not made it yet: 404)."""

from __future__ import annotations

import pytest

from tests.contract.busywork_cases import KEY, Case, check, description, done, recorder_for, refused
from tests.support.contract_http import Request, from_state, non_empty, path_from_state
from tests.support.contract_pacts import PactRecorder

PAYMENT_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
INVOICE_ID = "6b5a4c3d-2e1f-4071-8e9d-0c1b2a3f4e5d"
CUSTOMER_ID = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f"
CASES = [
    Case(
        Request(
            "a request to authorize a payment",
            "POST",
            "/api/payments",
            {"customerId": from_state("customerId", CUSTOMER_ID), "amount": 37.03},
            KEY,
            given=("a customer exists", {}),
        ),
        200,
        {"id": non_empty(PAYMENT_ID)},
        lambda api: api.authorize_payment(CUSTOMER_ID, 37.03),
        PAYMENT_ID,
    ),
    done(
        Request(
            "a request to pay an invoice",
            "PUT",
            path_from_state("/api/payments/invoices/{invoiceId}/pay", invoiceId=INVOICE_ID),
            {},
            given=("an invoice exists", {"status": "pending"}),
        ),
        lambda api: api.pay_invoice(INVOICE_ID, not_yet=True),
    ),
    refused(
        Request(
            "a request to pay an invoice not made yet",
            "PUT",
            "/api/payments/invoices/unknown-invoice/pay",
            {},
        ),
        404,
        "invoice with that ID does not exist",
        lambda api: api.pay_invoice("unknown-invoice", not_yet=True),
    ),
]
recorder = recorder_for("payments-api", CASES)


@pytest.mark.parametrize("case", CASES, ids=description)
def test_the_simulator_gets_the_answer(case: Case, recorder: PactRecorder) -> None:
    check(case, recorder)
