"""The Payment and Invoice aggregates: their rules, on their own."""

from __future__ import annotations

import pytest

from mall.kernel.errors import BadRequestError
from mall.payments.domain.invoice import Invoice, InvoiceStatus
from mall.payments.domain.payment import Payment, PaymentAuthorized


def test_a_payment_keeps_four_decimal_places() -> None:
    payment = Payment.authorize("p1", "c1", 10.123456)
    assert (payment.customer_id, payment.amount) == ("c1", 10.1235)
    assert payment.pending_events == (PaymentAuthorized(customer_id="c1", amount=10.1235),)


@pytest.mark.parametrize(
    ("customer_id", "amount", "error"),
    [
        ("", 10.0, "the customer id cannot be blank"),
        (" \t", 10.0, "the customer id cannot be blank"),
        ("c1", 0.0, "the payment amount must be greater than zero"),
        ("c1", -5.0, "the payment amount must be greater than zero"),
        ("c1", 0.00004, "the payment amount must be greater than zero"),  # rounds to zero
    ],
)
def test_a_payment_needs_a_customer_and_a_positive_amount(
    customer_id: str, amount: float, error: str
) -> None:
    with pytest.raises(BadRequestError, match=f"^{error}$"):
        Payment.authorize("p1", customer_id, amount)


def test_a_payment_covers_totals_up_to_its_amount() -> None:
    payment = Payment.authorize("p1", "c1", 0.3)
    payment.confirm(0.3)
    payment.confirm(0.1 + 0.2)  # 0.30000000000000004: the same amount to four places
    payment.confirm(0.0)
    with pytest.raises(BadRequestError, match=r"^payment cannot be confirmed$"):
        payment.confirm(0.3001)
    assert payment.pending_events == (PaymentAuthorized(customer_id="c1", amount=0.3),)


def test_only_a_pending_invoice_is_paid_or_canceled() -> None:
    paid = Invoice.create("o1", "o1", "p1", 12.5)
    assert (paid.status, paid.amount) == (InvoiceStatus.PENDING, 12.5)
    paid.pay()
    assert paid.status is InvoiceStatus.PAID
    with pytest.raises(BadRequestError, match=r"^invoice cannot be paid for$"):
        paid.pay()
    with pytest.raises(BadRequestError, match=r"^invoice cannot be canceled$"):
        paid.cancel()
    canceled = Invoice.create("o2", "o2", "p1", 12.5)
    canceled.cancel()
    assert canceled.status is InvoiceStatus.CANCELED
    with pytest.raises(BadRequestError, match=r"^invoice cannot be paid for$"):
        canceled.pay()
    with pytest.raises(BadRequestError, match=r"^invoice cannot be canceled$"):
        canceled.cancel()
    assert len(paid.pending_events) == len(canceled.pending_events) == 2
