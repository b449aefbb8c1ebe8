"""Consumer side of `pacts/payments-ui-payments-api.json`: the payments UI client against
Pact's mock server. It pins authorizing a payment (with an `Idempotency-Key`; 400 for an
amount that is not positive, 404 for an unknown customer), reading a payment and an
invoice, paying a pending invoice, and the reference's refusal to pay a paid or canceled
one (404 for an unknown invoice).

Ids the provider makes are matched by type and reach the requests through provider states.
"""

from __future__ import annotations

import pytest
from pact import match

from tests.contract.payments_ui_client import PaymentsUiClient
from tests.contract.ui_pact_cases import Call, Done, Refusal, check_call, description, descriptions
from tests.support.contract_http import (
    Request,
    from_state,
    mock_provider,
    non_empty,
    one_of,
    path_from_state,
)
from tests.support.contract_pacts import PactRecorder, pact_recorder

PAYMENT_ID = "2e4f6a8b-1c3d-4e5f-8a7b-9c0d1e2f3a4b"
INVOICE_ID = "7b9d1f3a-5c7e-4a9b-8d1f-3a5c7e9b1d2f"
KEY = {"Idempotency-Key": match.uuid("3c5e7a9b-1d3f-4b5d-8f7a-9b1d3f5a7c9e")}
INVOICE_STATUSES = ("pending", "paid", "canceled")
INVOICE_PATH = path_from_state("/api/payments/invoices/{invoiceId}", invoiceId=INVOICE_ID)
PAY_PATH = path_from_state("/api/payments/invoices/{invoiceId}/pay", invoiceId=INVOICE_ID)


def an_invoice(status: str) -> tuple[str, dict[str, str]]:
    return ("an invoice exists", {"status": status})


def pay(status: str) -> Refusal[PaymentsUiClient]:
    """Paying an invoice that is `status` (the reference's refusal)."""
    return Refusal(
        Request(f"a request to pay a {status} invoice", "PUT", PAY_PATH, given=an_invoice(status)),
        400,
        "invoice cannot be paid for",
        lambda ui: ui.pay_invoice(INVOICE_ID),
        exact=True,
    )


AUTHORIZE = Request(
    "a request to authorize a payment",
    "POST",
    "/api/payments",
    {"customerId": from_state("customerId", "customer-id"), "amount": 12.5},
    KEY,
    given=("a customer exists", {}),
)
GET_PAYMENT = Request(
    "a request for a payment",
    "GET",
    path_from_state("/api/payments/{paymentId}", paymentId=PAYMENT_ID),
    given=("a payment exists", {}),
)
GET_INVOICE = Request("a request for an invoice", "GET", INVOICE_PATH, given=an_invoice("pending"))
REFUSALS: list[Refusal[PaymentsUiClient]] = [
    Refusal(
        Request(
            "a request to authorize a payment of nothing",
            "POST",
            "/api/payments",
            {"customerId": "customer-id", "amount": 0.0},
            KEY,
        ),
        400,
        "the payment amount must be greater than zero",
        lambda ui: ui.authorize_payment("customer-id", 0.0),
    ),
    Refusal(
        Request(
            "a request to authorize a payment for an unknown customer",
            "POST",
            "/api/payments",
            {"customerId": "unknown-customer", "amount": 12.5},
            KEY,
        ),
        404,
        "customer with that ID does not exist",
        lambda ui: ui.authorize_payment("unknown-customer", 12.5),
    ),
    pay("paid"),
    pay("canceled"),
    Refusal(
        Request(
            "a request to pay an unknown invoice",
            "PUT",
            "/api/payments/invoices/unknown-invoice/pay",
        ),
        404,
        "invoice with that ID does not exist",
        lambda ui: ui.pay_invoice("unknown-invoice"),
    ),
]
DONE: list[Done[PaymentsUiClient]] = [
    Done(
        Request("a request to pay an invoice", "PUT", PAY_PATH, given=an_invoice("pending")),
        lambda ui: ui.pay_invoice(INVOICE_ID),
    ),
]
recorder = pact_recorder(
    "payments-ui",
    "payments-api",
    descriptions(AUTHORIZE, GET_PAYMENT, GET_INVOICE, *REFUSALS, *DONE),
)


def test_authorize_a_payment(recorder: PactRecorder) -> None:
    pact = AUTHORIZE.answered(recorder.new_pact(), 200, {"id": non_empty(PAYMENT_ID)})

    with mock_provider(pact) as url:
        payment_id = PaymentsUiClient(url).authorize_payment("customer-id", 12.5)

    assert payment_id == PAYMENT_ID
    recorder.record(pact)


def test_get_a_payment(recorder: PactRecorder) -> None:
    payment = {
        "id": non_empty(PAYMENT_ID),
        "customerId": non_empty("customer-id"),
        "amount": match.number(12.5),
    }
    pact = GET_PAYMENT.answered(recorder.new_pact(), 200, {"payment": payment})

    with mock_provider(pact) as url:
        got = PaymentsUiClient(url).get_payment(PAYMENT_ID)

    assert (got.id, got.customer_id, got.amount) == (PAYMENT_ID, "customer-id", 12.5)
    recorder.record(pact)


def test_get_an_invoice(recorder: PactRecorder) -> None:
    invoice = {
        "id": non_empty(INVOICE_ID),
        "orderId": non_empty(INVOICE_ID),  # an invoice has the id of the order it bills
        "paymentId": non_empty(PAYMENT_ID),
        "amount": match.number(19.98),
        "status": one_of("pending", *INVOICE_STATUSES),
    }
    pact = GET_INVOICE.answered(recorder.new_pact(), 200, {"invoice": invoice})

    with mock_provider(pact) as url:
        got = PaymentsUiClient(url).get_invoice(INVOICE_ID)

    assert (got.id, got.order_id, got.payment_id) == (INVOICE_ID, INVOICE_ID, PAYMENT_ID)
    assert (got.amount, got.status) == (19.98, "pending")
    recorder.record(pact)


@pytest.mark.parametrize("case", [*REFUSALS, *DONE], ids=description)
def test_the_client_gets_the_answer(case: Call[PaymentsUiClient], recorder: PactRecorder) -> None:
    check_call(case, PaymentsUiClient, recorder)
