"""PaymentRepository and InvoiceRepository: the same behaviour in memory and in PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mall.kernel.errors import ConflictError
from mall.payments.domain.invoice import Invoice, InvoiceState, InvoiceStatus
from mall.payments.domain.payment import Payment, PaymentState
from mall.payments.ports import InvoiceRepository, PaymentRepository
from mall_adapters.memory.payments import InMemoryInvoiceRepository, InMemoryPaymentRepository
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.payments import PostgresInvoiceRepository, PostgresPaymentRepository
from tests.ports.conftest import scoped

PAYMENT_CONFLICT = "^the payment was changed by another request at the same time; retry$"
INVOICE_CONFLICT = "^the invoice was changed by another request at the same time; retry$"
LARGEST = 999999999999.9999  # numeric(16,4)


@pytest.fixture
async def payments(backend: Database | None) -> AsyncIterator[PaymentRepository]:
    async for port in scoped(backend, InMemoryPaymentRepository, PostgresPaymentRepository):
        yield port


@pytest.fixture
async def invoices(backend: Database | None) -> AsyncIterator[InvoiceRepository]:
    async for port in scoped(backend, InMemoryInvoiceRepository, PostgresInvoiceRepository):
        yield port


async def test_unknown_ids_load_as_none(
    payments: PaymentRepository, invoices: InvoiceRepository
) -> None:
    assert await payments.load("nope") is None
    assert await invoices.load("nope") is None


async def test_a_payment_round_trips_with_four_decimal_places(
    payments: PaymentRepository,
) -> None:
    authorized = Payment.authorize("p1", "c1", 12.34567)
    await payments.save(authorized)
    await payments.save(Payment.authorize("p2", "c1", LARGEST))
    assert (authorized.version, authorized.pending_events) == (1, ())
    found = await payments.load("p1")
    assert found is not None and found is not authorized
    assert (found.id, found.version, found.pending_events) == ("p1", 1, ())
    assert found.state() == PaymentState("c1", 12.3457)
    largest = await payments.load("p2")
    assert largest is not None and largest.amount == LARGEST


async def test_a_second_payment_under_one_id_conflicts(payments: PaymentRepository) -> None:
    await payments.save(Payment.authorize("p1", "c1", 10.0))
    with pytest.raises(ConflictError, match=PAYMENT_CONFLICT):
        await payments.save(Payment.authorize("p1", "c2", 20.0))
    found = await payments.load("p1")
    assert found is not None and (found.version, found.state()) == (1, PaymentState("c1", 10.0))


async def test_an_invoice_round_trips_each_status(invoices: InvoiceRepository) -> None:
    await invoices.save(Invoice.create("o1", "o1", "p1", 7.25))
    pending = await invoices.load("o1")
    assert pending is not None and pending.version == 1
    assert pending.state() == InvoiceState("o1", "p1", 7.25, InvoiceStatus.PENDING)
    pending.pay()
    await invoices.save(pending)
    assert pending.version == 2
    canceled = Invoice.create("o2", "o2", "p1", 0.0)
    canceled.cancel()
    await invoices.save(canceled)
    assert canceled.version == 2
    paid, found = await invoices.load("o1"), await invoices.load("o2")
    assert paid is not None and (paid.version, paid.status) == (2, InvoiceStatus.PAID)
    assert found is not None
    assert found.state() == InvoiceState("o2", "p1", 0.0, InvoiceStatus.CANCELED)


async def test_a_stale_invoice_conflicts_and_the_first_write_stays(
    invoices: InvoiceRepository,
) -> None:
    await invoices.save(Invoice.create("o1", "o1", "p1", 7.25))
    first, second = await invoices.load("o1"), await invoices.load("o1")
    assert first is not None and second is not None
    first.pay()
    await invoices.save(first)
    second.cancel()
    with pytest.raises(ConflictError, match=INVOICE_CONFLICT):
        await invoices.save(second)
    assert second.version == 1 and second.pending_events
    found = await invoices.load("o1")
    assert found is not None and (found.version, found.status) == (2, InvoiceStatus.PAID)
    with pytest.raises(ConflictError, match=INVOICE_CONFLICT):
        await invoices.save(Invoice.create("o1", "o1", "p2", 1.0))


async def test_nothing_pending_saves_nothing(invoices: InvoiceRepository) -> None:
    await invoices.save(Invoice.create("o1", "o1", "p1", 7.25))
    unsaved = await invoices.load("o1")
    assert unsaved is not None
    unsaved.pay()  # never saved
    untouched = await invoices.load("o1")
    assert untouched is not None
    await invoices.save(untouched)
    found = await invoices.load("o1")
    assert found is not None and (found.version, found.status) == (1, InvoiceStatus.PENDING)
