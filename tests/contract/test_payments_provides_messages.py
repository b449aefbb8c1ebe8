"""Provider side of `pacts/ordering-payments.json`: paying an invoice publishes the
InvoicePaid ordering expects.

The payments core (in-memory adapters) creates the invoice of a readied order, as the
OrderReadied message does, and pays it through the pay-invoice use case; the message it sent
last is verified.
"""

from __future__ import annotations

from mall_contracts.ordering import messages as ordering
from tests.support.contract_message_provider import MessageProvider
from tests.support.cores import PaymentsCore, build_payments_core


async def invoice_paid(payments: PaymentsCore) -> None:
    readied = ordering.OrderReadied(
        id="order-id", customer_id="customer-id", payment_id="payment-id", total=20.0
    )
    await payments.handlers.on_order_readied(readied)
    await payments.service.pay_invoice("order-id")


def test_payments_honours_the_ordering_pact() -> None:
    events = {"an InvoicePaid message": invoice_paid}
    MessageProvider("payments", build_payments_core, events).verify("ordering-payments.json")
