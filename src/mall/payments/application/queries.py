"""Query handlers of Payments: the REST queries and the payment check of the create-order
saga."""

from __future__ import annotations

from mall.kernel.repository import load_existing
from mall.payments.application.commands import INVOICE_NOT_FOUND, PAYMENT_NOT_FOUND
from mall.payments.domain.payment import CANNOT_BE_CONFIRMED
from mall.payments.ports import InvoiceRepository, PaymentRepository
from mall_contracts.payments import http


class GetPayment:
    def __init__(self, payments: PaymentRepository) -> None:
        self._payments = payments

    async def __call__(self, payment_id: str) -> http.GetPaymentResponse:
        payment = await load_existing(self._payments, payment_id, PAYMENT_NOT_FOUND)
        return http.GetPaymentResponse(
            payment=http.Payment(
                id=payment.id, customer_id=payment.customer_id, amount=payment.amount
            )
        )


class GetInvoice:
    def __init__(self, invoices: InvoiceRepository) -> None:
        self._invoices = invoices

    async def __call__(self, invoice_id: str) -> http.GetInvoiceResponse:
        invoice = await load_existing(self._invoices, invoice_id, INVOICE_NOT_FOUND)
        return http.GetInvoiceResponse(
            invoice=http.Invoice(
                id=invoice.id,
                order_id=invoice.order_id,
                payment_id=invoice.payment_id,
                amount=invoice.amount,
                status=invoice.status.value,
            )
        )


class ConfirmPayment:
    """Whether a payment covers an order (a create-order saga step); writes nothing."""

    def __init__(self, payments: PaymentRepository) -> None:
        self._payments = payments

    async def __call__(self, payment_id: str, total: float) -> None:
        """Return when the payment exists and its amount covers `total`; raises
        `NotFoundError` for an unknown payment and `BadRequestError` for one too small, both
        "payment cannot be confirmed"."""
        payment = await load_existing(self._payments, payment_id, CANNOT_BE_CONFIRMED)
        payment.confirm(total)
