"""`PaymentsPolicies`: the messages Payments receives.

Ordering's events invoice a ready order and cancel the invoice of a canceled one; each
handler loads, decides and saves in one unit of work (which records the inbox row), and an
event that finds nothing to do is logged and acknowledged, never retried. The saga's
`ConfirmPayment` is a check only.
"""

from __future__ import annotations

import logging

from mall.kernel.unit_of_work import UnitOfWork
from mall.payments.application.queries import ConfirmPayment
from mall.payments.domain.invoice import Invoice, InvoiceStatus
from mall.payments.ports import InvoiceRepository, PaymentRepository
from mall_contracts.common.messages import Success
from mall_contracts.ordering.messages import OrderCanceled, OrderReadied
from mall_contracts.payments import messages
from mall_contracts.payments.ports import PaymentsHandlers

log = logging.getLogger(__name__)


class PaymentsPolicies(PaymentsHandlers):
    def __init__(
        self, uow: UnitOfWork, payments: PaymentRepository, invoices: InvoiceRepository
    ) -> None:
        self._uow = uow
        self._invoices = invoices
        self._confirm = ConfirmPayment(payments)

    async def confirm_payment(self, command: messages.ConfirmPayment) -> Success:
        await self._confirm(command.id, command.amount)
        return Success()

    async def on_order_readied(self, message: OrderReadied) -> None:
        """Invoice the order: invoice id = order id, pending, amount = the order total."""

        async def invoice() -> None:
            if await self._invoices.load(message.id) is not None:
                log.info("order %s is already invoiced; nothing to do", message.id)
                return
            created = Invoice.create(message.id, message.id, message.payment_id, message.total)
            await self._invoices.save(created)

        await self._uow.run(invoice, key=message.id)

    async def on_order_canceled(self, message: OrderCanceled) -> None:
        """Cancel the order's pending invoice; a paid or canceled one stays. An order canceled
        before it was invoiced gets its invoice recorded as canceled, so an `OrderReadied`
        delivered late (redelivery can reorder the two) finds it and bills nothing."""

        async def cancel() -> None:
            found = await self._invoices.load(message.id)
            if found is None:
                found = Invoice.create(message.id, message.id, message.payment_id, message.total)
            elif found.status is not InvoiceStatus.PENDING:
                log.info(
                    "invoice of canceled order %s is %s; left as it is",
                    message.id,
                    found.status.value,
                )
                return
            found.cancel()
            await self._invoices.save(found)

        await self._uow.run(cancel, key=message.id)
