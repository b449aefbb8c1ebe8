"""`InMemoryPaymentRepository` and `InMemoryInvoiceRepository` (states and versions in
dicts)."""

from __future__ import annotations

from mall.kernel.errors import ConflictError
from mall.payments.domain.invoice import Invoice, InvoiceState
from mall.payments.domain.payment import Payment, PaymentState
from mall.payments.ports import InvoiceRepository, PaymentRepository


def _check_version(stored: tuple[object, int] | None, expected: int, name: str) -> None:
    if (0 if stored is None else stored[1]) != expected:
        raise ConflictError.concurrent_change(name)


class InMemoryPaymentRepository(PaymentRepository):
    def __init__(self) -> None:
        self.rows: dict[str, tuple[PaymentState, int]] = {}

    async def load(self, aggregate_id: str) -> Payment | None:
        row = self.rows.get(aggregate_id)
        return None if row is None else Payment.stored(aggregate_id, *row)

    async def save(self, aggregate: Payment) -> None:
        pending = aggregate.pending_events
        if not pending:
            return
        _check_version(self.rows.get(aggregate.id), aggregate.version, Payment.NAME)
        self.rows[aggregate.id] = (aggregate.state(), aggregate.version + len(pending))
        aggregate.mark_committed()


class InMemoryInvoiceRepository(InvoiceRepository):
    def __init__(self) -> None:
        self.rows: dict[str, tuple[InvoiceState, int]] = {}

    async def load(self, aggregate_id: str) -> Invoice | None:
        row = self.rows.get(aggregate_id)
        return None if row is None else Invoice.stored(aggregate_id, *row)

    async def save(self, aggregate: Invoice) -> None:
        pending = aggregate.pending_events
        if not pending:
            return
        _check_version(self.rows.get(aggregate.id), aggregate.version, Invoice.NAME)
        self.rows[aggregate.id] = (aggregate.state(), aggregate.version + len(pending))
        aggregate.mark_committed()
