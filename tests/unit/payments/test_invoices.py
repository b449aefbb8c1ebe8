"""Invoices: created for ready orders, paid through the API, canceled with their orders."""

from __future__ import annotations

import pytest

from mall.kernel.errors import BadRequestError, NotFoundError
from mall_contracts.common.http import Empty
from mall_contracts.payments import http, messages, subjects
from tests.unit.payments.conftest import PaymentsCore

CANNOT_PAY = r"^invoice cannot be paid for$"


async def test_a_ready_order_gets_a_pending_invoice_under_its_id(core: PaymentsCore) -> None:
    await core.ready("order-1", 42.123456, payment_id="payment-9")
    assert await core.invoice("order-1") == http.Invoice(
        id="order-1", order_id="order-1", payment_id="payment-9", amount=42.1235, status="pending"
    )
    assert core.sink.sent == []  # creating an invoice publishes nothing


async def test_an_order_readied_again_keeps_its_first_invoice(core: PaymentsCore) -> None:
    await core.ready("order-1", 10.0)
    await core.service.pay_invoice("order-1")
    await core.ready("order-1", 99.0)
    invoice = await core.invoice("order-1")
    assert (invoice.amount, invoice.status) == (10.0, "paid")
    assert core.invoices.rows["order-1"][1] == 2


async def test_paying_publishes_invoice_paid_once(core: PaymentsCore) -> None:
    await core.ready("order-1", 10.0)
    assert await core.service.pay_invoice("order-1") == Empty()
    assert (await core.invoice("order-1")).status == "paid"
    [sent] = core.sink.sent
    assert (sent.subject, sent.name) == (subjects.INVOICE_EVENTS, messages.INVOICE_PAID)
    assert sent.message == messages.InvoicePaid(id="order-1", order_id="order-1")
    with pytest.raises(BadRequestError, match=CANNOT_PAY):
        await core.service.pay_invoice("order-1")
    assert len(core.sink.sent) == 1


async def test_a_canceled_order_cancels_its_pending_invoice(core: PaymentsCore) -> None:
    await core.ready("order-1", 10.0)
    await core.cancel("order-1")
    assert (await core.invoice("order-1")).status == "canceled"
    with pytest.raises(BadRequestError, match=CANNOT_PAY):
        await core.service.pay_invoice("order-1")
    await core.cancel("order-1")  # again: nothing to do, no error
    assert core.sink.sent == []


async def test_cancel_leaves_a_paid_invoice(core: PaymentsCore) -> None:
    await core.ready("order-1", 10.0)
    await core.service.pay_invoice("order-1")
    await core.cancel("order-1")
    assert (await core.invoice("order-1")).status == "paid"


async def test_an_order_canceled_before_it_was_ready_is_never_billed(core: PaymentsCore) -> None:
    # Redelivery can hand payments the cancellation before the (earlier) OrderReadied.
    await core.cancel("order-2", total=12.5)
    assert await core.invoice("order-2") == http.Invoice(
        id="order-2", order_id="order-2", payment_id="payment-1", amount=12.5, status="canceled"
    )
    await core.ready("order-2", 12.5)
    assert (await core.invoice("order-2")).status == "canceled"
    with pytest.raises(BadRequestError, match=CANNOT_PAY):
        await core.service.pay_invoice("order-2")
    assert core.sink.sent == []


async def test_unknown_invoices_are_not_found(core: PaymentsCore) -> None:
    for call in (core.service.get_invoice("nope"), core.service.pay_invoice("nope")):
        with pytest.raises(NotFoundError, match=r"^invoice with that ID does not exist$"):
            await call
