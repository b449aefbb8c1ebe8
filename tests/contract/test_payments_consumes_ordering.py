"""Consumer side of `pacts/payments-ordering.json`: the order events payments consumes.

Each example message goes the way a JetStream delivery goes: through the routes of the
generated binding into the real `PaymentsPolicies` (in memory); the test then checks what it
did to the invoices.
"""

from __future__ import annotations

import msgspec
import pytest
from pact import match

from mall.payments.domain.invoice import InvoiceStatus
from mall_contracts.ordering import messages
from mall_contracts.ordering.subjects import ORDER_EVENTS
from tests.contract.payments_consumer import PaymentsConsumer
from tests.support.contract_consumer import expect_message
from tests.support.contract_pacts import PactRecorder, pact_recorder

READIED, CANCELED = "an OrderReadied message", "an OrderCanceled message"
recorder = pact_recorder("payments", "ordering", [READIED, CANCELED])
ORDER = {
    "id": match.str("order-id"),
    "customer_id": match.str("customer-id"),
    "payment_id": match.str("payment-id"),
    "total": match.number(42.5),
}
"""The body of both events: the order, its payment and its total."""


@pytest.fixture
def payments() -> PaymentsConsumer:
    return PaymentsConsumer.build()


def test_order_readied_creates_a_pending_invoice(
    recorder: PactRecorder, payments: PaymentsConsumer
) -> None:
    pact = expect_message(recorder.new_pact(), READIED, ORDER_EVENTS, messages.ORDER_READIED, ORDER)
    pact.verify(payments.receive, "Async")
    invoice = payments.invoice("order-id")
    assert invoice is not None
    assert (invoice.order_id, invoice.payment_id, invoice.amount, invoice.status) == (
        "order-id",
        "payment-id",
        42.5,
        InvoiceStatus.PENDING,
    )
    recorder.record(pact)


def test_order_canceled_cancels_the_pending_invoice(
    recorder: PactRecorder, payments: PaymentsConsumer
) -> None:
    payments.seed_invoice("order-id", 42.5)
    pact = expect_message(
        recorder.new_pact(), CANCELED, ORDER_EVENTS, messages.ORDER_CANCELED, ORDER
    )
    pact.verify(payments.receive, "Async")
    invoice = payments.invoice("order-id")
    assert invoice is not None and invoice.status is InvoiceStatus.CANCELED
    recorder.record(pact)


def test_an_order_readied_without_a_total_fails_the_consumer(
    recorder: PactRecorder, payments: PaymentsConsumer
) -> None:
    # A Pact of its own that is never recorded: it must not reach the committed contract.
    pact = expect_message(
        recorder.new_pact(),
        "an OrderReadied message without a total",
        ORDER_EVENTS,
        messages.ORDER_READIED,
        {"id": match.str("order-id"), "customer_id": "c", "payment_id": "p"},
    )
    errors = pact.verify(payments.receive, "Async", raises=False)
    assert [e.description for e in errors] == ["an OrderReadied message without a total"]
    assert isinstance(errors[0].error, msgspec.ValidationError)
    assert "missing required field `total`" in str(errors[0].error)
    assert payments.invoice("order-id") is None
