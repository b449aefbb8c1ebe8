"""Payments stored by state: `payments.payments` and `payments.invoices`."""

from __future__ import annotations

from mall.payments.domain.invoice import Invoice, InvoiceState, InvoiceStatus
from mall.payments.domain.payment import Payment, PaymentState
from mall.payments.ports import InvoiceRepository, PaymentRepository
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.versioned_rows import VersionedRows, save_aggregate

PAYMENTS = VersionedRows("payments.payments", ("customer_id", "amount"))
INVOICES = VersionedRows("payments.invoices", ("order_id", "payment_id", "amount", "status"))


class PostgresPaymentRepository(PaymentRepository):
    """The row's `version` is the payment's committed event count; updates compare it."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def load(self, aggregate_id: str) -> Payment | None:
        row = await self._db.fetchrow(
            "SELECT customer_id, amount::float8 AS amount, version"
            " FROM payments.payments WHERE id = $1",
            aggregate_id,
        )
        if row is None:
            return None
        state = PaymentState(row["customer_id"], row["amount"])
        return Payment.stored(aggregate_id, state, row["version"])

    async def save(self, aggregate: Payment) -> None:
        await save_aggregate(self._db, PAYMENTS, aggregate, _payment_row)


class PostgresInvoiceRepository(InvoiceRepository):
    """The row's `version` is the invoice's committed event count; updates compare it."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def load(self, aggregate_id: str) -> Invoice | None:
        row = await self._db.fetchrow(
            "SELECT order_id, payment_id, amount::float8 AS amount, status, version"
            " FROM payments.invoices WHERE id = $1",
            aggregate_id,
        )
        if row is None:
            return None
        state = InvoiceState(
            row["order_id"], row["payment_id"], row["amount"], InvoiceStatus(row["status"])
        )
        return Invoice.stored(aggregate_id, state, row["version"])

    async def save(self, aggregate: Invoice) -> None:
        await save_aggregate(self._db, INVOICES, aggregate, _invoice_row)


def _payment_row(payment: Payment) -> dict[str, object]:
    state = payment.state()
    return {"customer_id": state.customer_id, "amount": state.amount}


def _invoice_row(invoice: Invoice) -> dict[str, object]:
    state = invoice.state()
    return {
        "order_id": state.order_id,
        "payment_id": state.payment_id,
        "amount": state.amount,
        "status": state.status.value,
    }
