"""Consumer side of `pacts/ordering-payments.json`: a paid invoice completes its order."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pact import Pact, match

from mall.ordering.domain.events import OrderStatus
from mall_contracts.payments import messages
from mall_contracts.payments.subjects import INVOICE_EVENTS
from tests.contract.ordering_consumer import ORDER_ID, OrderingConsumer, expect, recorder_for
from tests.support.contract_pacts import PactRecorder

PROVIDER = "payments"
DESCRIPTIONS = ("an InvoicePaid message",)


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    yield from recorder_for(PROVIDER, DESCRIPTIONS, tmp_path_factory)


def test_invoice_paid_completes_the_order(recorder: PactRecorder) -> None:
    ordering = OrderingConsumer.build()
    ordering.seed("ready")
    pact = expect(
        Pact("ordering", PROVIDER).with_specification("V4"),
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
