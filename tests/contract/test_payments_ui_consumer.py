"""Consumer side of `pacts/payments-ui-payments-api.json`: the payments UI client against
Pact's mock server. It pins authorizing a payment (with an `Idempotency-Key`; 400 for an
amount that is not positive, 404 for an unknown customer), reading a payment and an
invoice, paying a pending invoice, and the reference's refusal to pay a paid or canceled
one (404 for an unknown invoice).

Ids the provider makes are matched by type and reach the requests through provider states.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pact import match

from tests.contract.payments_ui_client import PaymentsUiClient
from tests.contract.ui_client import ApiError
from tests.support.contract_http import (
    error_body,
    from_state,
    http_pact,
    mock_provider,
    non_empty,
    one_of,
    path_from_state,
    recording,
    request,
    respond,
)
from tests.support.contract_pacts import PactRecorder

CONSUMER, PROVIDER = "payments-ui", "payments-api"
DESCRIPTIONS = (
    "a request to authorize a payment",
    "a request to authorize a payment of nothing",
    "a request to authorize a payment for an unknown customer",
    "a request for a payment",
    "a request for an invoice",
    "a request to pay an invoice",
    "a request to pay a paid invoice",
    "a request to pay a canceled invoice",
    "a request to pay an unknown invoice",
)
PAYMENT_ID = "2e4f6a8b-1c3d-4e5f-8a7b-9c0d1e2f3a4b"
INVOICE_ID = "7b9d1f3a-5c7e-4a9b-8d1f-3a5c7e9b1d2f"
KEY = match.uuid("3c5e7a9b-1d3f-4b5d-8f7a-9b1d3f5a7c9e")
INVOICE_STATUSES = ("pending", "paid", "canceled")
INVOICE_PATH = path_from_state("/api/payments/invoices/{invoiceId}", invoiceId=INVOICE_ID)
PAY_PATH = path_from_state("/api/payments/invoices/{invoiceId}/pay", invoiceId=INVOICE_ID)
CANNOT_BE_PAID = "invoice cannot be paid for"


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    yield from recording(CONSUMER, PROVIDER, DESCRIPTIONS, tmp_path_factory)


def test_authorize_a_payment(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request to authorize a payment").given("a customer exists")
    body = {"customerId": from_state("customerId", "customer-id"), "amount": 12.5}
    request(interaction, "POST", "/api/payments", body, {"Idempotency-Key": KEY})
    respond(interaction, 200, {"id": non_empty(PAYMENT_ID)})

    with mock_provider(pact) as url:
        payment_id = PaymentsUiClient(url).authorize_payment("customer-id", 12.5)

    assert payment_id == PAYMENT_ID
    recorder.record(pact)


def test_authorize_a_payment_of_nothing(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request to authorize a payment of nothing")
    body = {"customerId": "customer-id", "amount": 0.0}
    request(interaction, "POST", "/api/payments", body, {"Idempotency-Key": KEY})
    message = "the payment amount must be greater than zero"
    respond(interaction, 400, error_body(message))

    with mock_provider(pact) as url, pytest.raises(ApiError) as raised:
        PaymentsUiClient(url).authorize_payment("customer-id", 0.0)

    assert (raised.value.status, raised.value.message) == (400, message)
    recorder.record(pact)


def test_authorize_a_payment_for_an_unknown_customer(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request to authorize a payment for an unknown customer")
    body = {"customerId": "unknown-customer", "amount": 12.5}
    request(interaction, "POST", "/api/payments", body, {"Idempotency-Key": KEY})
    respond(interaction, 404, error_body("customer with that ID does not exist"))

    with mock_provider(pact) as url, pytest.raises(ApiError) as raised:
        PaymentsUiClient(url).authorize_payment("unknown-customer", 12.5)

    assert raised.value.status == 404
    recorder.record(pact)


def test_get_a_payment(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request for a payment").given("a payment exists")
    path = path_from_state("/api/payments/{paymentId}", paymentId=PAYMENT_ID)
    request(interaction, "GET", path)
    payment = {
        "id": non_empty(PAYMENT_ID),
        "customerId": non_empty("customer-id"),
        "amount": match.number(12.5),
    }
    respond(interaction, 200, {"payment": payment})

    with mock_provider(pact) as url:
        got = PaymentsUiClient(url).get_payment(PAYMENT_ID)

    assert (got.id, got.customer_id, got.amount) == (PAYMENT_ID, "customer-id", 12.5)
    recorder.record(pact)


def test_get_an_invoice(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request for an invoice").given(
        "an invoice exists", status="pending"
    )
    request(interaction, "GET", INVOICE_PATH)
    invoice = {
        "id": non_empty(INVOICE_ID),
        "orderId": non_empty(INVOICE_ID),  # an invoice has the id of the order it bills
        "paymentId": non_empty(PAYMENT_ID),
        "amount": match.number(19.98),
        "status": one_of("pending", *INVOICE_STATUSES),
    }
    respond(interaction, 200, {"invoice": invoice})

    with mock_provider(pact) as url:
        got = PaymentsUiClient(url).get_invoice(INVOICE_ID)

    assert (got.id, got.order_id, got.payment_id) == (INVOICE_ID, INVOICE_ID, PAYMENT_ID)
    assert (got.amount, got.status) == (19.98, "pending")
    recorder.record(pact)


def test_pay_an_invoice(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request to pay an invoice").given(
        "an invoice exists", status="pending"
    )
    request(interaction, "PUT", PAY_PATH)
    respond(interaction, 200, {})

    with mock_provider(pact) as url:
        PaymentsUiClient(url).pay_invoice(INVOICE_ID)

    recorder.record(pact)


@pytest.mark.parametrize("status", ["paid", "canceled"])
def test_pay_an_invoice_that_cannot_be_paid(recorder: PactRecorder, status: str) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving(f"a request to pay a {status} invoice").given(
        "an invoice exists", status=status
    )
    request(interaction, "PUT", PAY_PATH)
    respond(interaction, 400, error_body(CANNOT_BE_PAID, exact=True))

    with mock_provider(pact) as url, pytest.raises(ApiError) as raised:
        PaymentsUiClient(url).pay_invoice(INVOICE_ID)

    assert (raised.value.status, raised.value.message) == (400, CANNOT_BE_PAID)
    recorder.record(pact)


def test_pay_an_unknown_invoice(recorder: PactRecorder) -> None:
    pact = http_pact(CONSUMER, PROVIDER)
    interaction = pact.upon_receiving("a request to pay an unknown invoice")
    request(interaction, "PUT", "/api/payments/invoices/unknown-invoice/pay")
    respond(interaction, 404, error_body("invoice with that ID does not exist"))

    with mock_provider(pact) as url, pytest.raises(ApiError) as raised:
        PaymentsUiClient(url).pay_invoice("unknown-invoice")

    assert raised.value.status == 404
    recorder.record(pact)
