"""Consumer side of `pacts/payments-ordering.json`: the order events payments consumes.

Each example message goes the way a JetStream delivery goes: through the routes of the
generated binding into the real `PaymentsPolicies` (in memory); the test then checks what it
did to the invoices.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from pact import Pact, match

from mall.payments.domain.invoice import InvoiceStatus
from mall_contracts.ordering import messages
from mall_contracts.ordering.subjects import ORDER_EVENTS
from tests.contract.payments_consumer import PaymentsConsumer, expect_message
from tests.support.contract_pacts import PactRecorder

CONSUMER, PROVIDER = "payments", "ordering"
DESCRIPTIONS = ("an OrderReadied message", "an OrderCanceled message")


def ordering_pact() -> Pact:
    return Pact(CONSUMER, PROVIDER).with_specification("V4")


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    scratch: Path = tmp_path_factory.mktemp("pacts")
    recorder = PactRecorder(CONSUMER, PROVIDER, scratch, DESCRIPTIONS)
    yield recorder
    recorder.publish()


@pytest.fixture
def payments() -> PaymentsConsumer:
    return PaymentsConsumer.build()


def test_order_readied_creates_a_pending_invoice(
    recorder: PactRecorder, payments: PaymentsConsumer
) -> None:
    pact = expect_message(
        ordering_pact(),
        "an OrderReadied message",
        ORDER_EVENTS,
        messages.ORDER_READIED,
        {
            "id": match.str("order-id"),
            "customer_id": match.str("customer-id"),
            "payment_id": match.str("payment-id"),
            "total": match.number(42.5),
        },
    )
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
        ordering_pact(),
        "an OrderCanceled message",
        ORDER_EVENTS,
        messages.ORDER_CANCELED,
        {
            "id": match.str("order-id"),
            "customer_id": match.str("customer-id"),
            "payment_id": match.str("payment-id"),
            "total": match.number(42.5),
        },
    )
    pact.verify(payments.receive, "Async")
    invoice = payments.invoice("order-id")
    assert invoice is not None and invoice.status is InvoiceStatus.CANCELED
    recorder.record(pact)


def test_an_order_readied_without_a_total_fails_the_consumer(payments: PaymentsConsumer) -> None:
    # A Pact of its own that is never written: it must not reach the committed contract.
    pact = expect_message(
        ordering_pact(),
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
