"""Driven ports of Payments: the payment and invoice repositories."""

from __future__ import annotations

from mall.kernel.repository import AggregateRepository
from mall.payments.domain.invoice import Invoice
from mall.payments.domain.payment import Payment

PaymentRepository = AggregateRepository[Payment]
"""Payments stored by state, one record per payment.

`load` returns a fresh `Payment` (never an object shared with another caller) whose `version`
is the number of events committed for it, or None for an id never saved. `save` writes the
payment when it has pending events (and does nothing otherwise): a payment at version 0 is
inserted, any other is updated only if the stored version is still the one it was loaded at.
A second payment saved under the same id, or a stale copy saved after another writer's save,
raises `ConflictError` and changes nothing. Amounts keep four decimal places. After a
successful save the pending events are committed and `version` advances by their number,
inside the caller's unit of work.
"""

InvoiceRepository = AggregateRepository[Invoice]
"""Invoices stored by state, one record per invoice, with the same contract as
`PaymentRepository`: fresh copies on `load`, inserts at version 0, updates only from the
stored version, `ConflictError` (and nothing written) for a duplicate id or a stale copy.
The status (pending, paid, canceled) and the amount (four decimal places) round-trip.
"""
