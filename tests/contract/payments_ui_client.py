"""The payments UI's HTTP client: the consumer side of `pacts/payments-ui-payments-api.json`.

A kiosk authorizes a payment for its customer (with a fresh `Idempotency-Key`, so a retry
cannot authorize twice) and shows it; the invoice of a ready order is shown and paid.
"""

from __future__ import annotations

import uuid

from tests.contract.ui_client import Created, Done, Shape, UiClient


class Payment(Shape):
    id: str
    customer_id: str
    amount: float


class Invoice(Shape):
    id: str
    order_id: str
    payment_id: str
    amount: float
    status: str  # pending, paid or canceled


class _Authorize(Shape):
    customer_id: str
    amount: float


class _PaymentAnswer(Shape):
    payment: Payment


class _InvoiceAnswer(Shape):
    invoice: Invoice


class PaymentsUiClient(UiClient):
    def authorize_payment(
        self, customer_id: str, amount: float, idempotency_key: str | None = None
    ) -> str:
        """Authorizes a payment; returns its id. Resend with the same `idempotency_key` to
        retry."""
        key = idempotency_key or str(uuid.uuid4())
        authorized = self._api.call(
            Created,
            "POST",
            "/api/payments",
            body=_Authorize(customer_id=customer_id, amount=amount),
            headers={"Idempotency-Key": key},
        )
        return authorized.id

    def get_payment(self, payment_id: str) -> Payment:
        return self._api.call(_PaymentAnswer, "GET", f"/api/payments/{payment_id}").payment

    def get_invoice(self, invoice_id: str) -> Invoice:
        path = f"/api/payments/invoices/{invoice_id}"
        return self._api.call(_InvoiceAnswer, "GET", path).invoice

    def pay_invoice(self, invoice_id: str) -> None:
        self._api.call(Done, "PUT", f"/api/payments/invoices/{invoice_id}/pay")
