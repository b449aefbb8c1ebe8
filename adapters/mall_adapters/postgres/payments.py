"""Payments stored by state: `payments.payments` and `payments.invoices`."""

from __future__ import annotations

from mall.kernel.errors import ConflictError
from mall.payments.domain.invoice import Invoice, InvoiceState, InvoiceStatus
from mall.payments.domain.payment import Payment, PaymentState
from mall.payments.ports import InvoiceRepository, PaymentRepository
from mall_adapters.postgres.database import Database


def _check_written(status: str, name: str) -> None:
    """An insert that met an existing id, or an update that met another version, wrote no
    row: another writer got there first."""
    if status.endswith(" 0"):
        raise ConflictError.concurrent_change(name)


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
        pending = aggregate.pending_events
        if not pending:
            return
        state = aggregate.state()
        version = aggregate.version + len(pending)
        conn = self._db.connection()
        if aggregate.version == 0:
            # ON CONFLICT rather than catching the unique violation: the caller's transaction
            # stays usable, and a concurrent insert still waits for the other to commit.
            status = await conn.execute(
                "INSERT INTO payments.payments (id, customer_id, amount, version)"
                " VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING",
                aggregate.id,
                state.customer_id,
                state.amount,
                version,
            )
        else:
            status = await conn.execute(
                "UPDATE payments.payments SET customer_id = $2, amount = $3, version = $4"
                " WHERE id = $1 AND version = $5",
                aggregate.id,
                state.customer_id,
                state.amount,
                version,
                aggregate.version,
            )
        _check_written(status, Payment.NAME)
        aggregate.mark_committed()


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
        pending = aggregate.pending_events
        if not pending:
            return
        state = aggregate.state()
        version = aggregate.version + len(pending)
        conn = self._db.connection()
        if aggregate.version == 0:
            status = await conn.execute(
                "INSERT INTO payments.invoices (id, order_id, payment_id, amount, status, version)"
                " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
                aggregate.id,
                state.order_id,
                state.payment_id,
                state.amount,
                state.status.value,
                version,
            )
        else:
            status = await conn.execute(
                "UPDATE payments.invoices SET order_id = $2, payment_id = $3, amount = $4,"
                " status = $5, version = $6 WHERE id = $1 AND version = $7",
                aggregate.id,
                state.order_id,
                state.payment_id,
                state.amount,
                state.status.value,
                version,
                aggregate.version,
            )
        _check_written(status, Invoice.NAME)
        aggregate.mark_committed()
