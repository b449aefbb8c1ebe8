"""Consumer side of `pacts/ordering-payments.json`: a paid invoice completes its order."""

from __future__ import annotations

from pact import match

from mall.ordering.domain.events import OrderStatus
from mall_contracts.payments import messages
from mall_contracts.payments.subjects import INVOICE_EVENTS
from tests.contract.ordering_consumer import ORDER_ID, OrderingConsumer
from tests.support.contract_consumer import expect_message
from tests.support.contract_pacts import PactRecorder, pact_recorder

recorder = pact_recorder("ordering", "payments", ["an InvoicePaid message"])


def test_invoice_paid_completes_the_order(recorder: PactRecorder) -> None:
    ordering = OrderingConsumer.build()
    ordering.seed("ready")
    pact = expect_message(
        recorder.new_pact(),
        "an InvoicePaid message",
        INVOICE_EVENTS,
        messages.INVOICE_PAID,
        {"id": match.str(ORDER_ID), "order_id": match.str(ORDER_ID)},
    )
    pact.verify(ordering.receive, "Async")
    order = ordering.order()
    assert order is not None
    assert (order.status, order.invoice_id) == (OrderStatus.COMPLETED, ORDER_ID)
    recorder.record(pact)
