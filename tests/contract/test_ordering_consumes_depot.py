"""Consumer side of `pacts/ordering-depot.json`: a completed shopping list readies its order."""

from __future__ import annotations

from pact import match

from mall.ordering.domain.events import OrderStatus
from mall_contracts.depot import messages
from mall_contracts.depot.subjects import SHOPPING_LIST_EVENTS
from tests.contract.ordering_consumer import ORDER_ID, SHOPPING_ID, OrderingConsumer
from tests.support.contract_consumer import expect_message
from tests.support.contract_pacts import PactRecorder, pact_recorder

recorder = pact_recorder("ordering", "depot", ["a ShoppingListCompleted message"])


def test_shopping_list_completed_readies_the_order(recorder: PactRecorder) -> None:
    ordering = OrderingConsumer.build()
    ordering.seed("approved")
    pact = expect_message(
        recorder.new_pact(),
        "a ShoppingListCompleted message",
        SHOPPING_LIST_EVENTS,
        messages.SHOPPING_LIST_COMPLETED,
        {"id": match.str(SHOPPING_ID), "order_id": match.str(ORDER_ID)},
    )
    pact.verify(ordering.receive, "Async")
    order = ordering.order()
    assert order is not None
    assert (order.status, order.invoice_id) == (OrderStatus.READY, ORDER_ID)
    recorder.record(pact)
