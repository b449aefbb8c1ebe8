"""The one place where the Payments domain events become integration messages."""

from __future__ import annotations

from mall.kernel.events import DomainEvent
from mall.payments.domain.invoice import Invoice, InvoicePaid
from mall_contracts.payments import messages as api
from mall_contracts.payments.ports import PaymentsPublisher


class InvoiceEventsTranslator:
    """InvoicePaid is public; InvoiceCreated and InvoiceCanceled are not."""

    def __init__(self, publisher: PaymentsPublisher) -> None:
        self._publish = publisher

    async def __call__(self, event: DomainEvent, invoice: Invoice, _version: int) -> None:
        if isinstance(event, InvoicePaid):
            await self._publish.invoice_paid(
                api.InvoicePaid(id=invoice.id, order_id=invoice.order_id)
            )
