"""Consumer side of `pacts/depot-ordering.json`: a rejected or canceled order is closed and
its shopping list canceled."""

from __future__ import annotations

from pact import match

from mall.depot.domain.closed_order import CloseReason
from mall.depot.domain.events import ShoppingListStatus
from mall.depot.domain.shopping_list import ShoppingList
from mall_contracts.ordering import messages
from mall_contracts.ordering.subjects import ORDER_EVENTS
from tests.contract.depot_consumer import DepotConsumer
from tests.support.contract_consumer import expect_message
from tests.support.contract_pacts import PactRecorder, pact_recorder

recorder = pact_recorder(
    "depot", "ordering", ["an OrderCanceled message", "an OrderRejected message"]
)


def test_order_canceled_cancels_the_orders_list(recorder: PactRecorder) -> None:
    depot = DepotConsumer.build()
    depot.seed_list("shopping-list-id", "order-id", ShoppingList.initiate)
    pact = expect_message(
        recorder.new_pact(),
        "an OrderCanceled message",
        ORDER_EVENTS,
        messages.ORDER_CANCELED,
        {
            "id": match.str("order-id"),
            "customer_id": match.str("customer-id"),
            "payment_id": match.str("payment-id"),
            "shopping_id": match.str("shopping-list-id"),
            "total": match.number(19.98),
        },
    )
    pact.verify(depot.receive, "Async")
    shopping = depot.shopping_list("shopping-list-id")
    assert shopping is not None
    assert shopping.status is ShoppingListStatus.CANCELED
    assert depot.closing_reason("order-id") is CloseReason.CANCELED
    recorder.record(pact)


def test_order_rejected_closes_the_order_and_cancels_its_list(recorder: PactRecorder) -> None:
    """The saga rejected the order; a list its timed-out CreateShoppingList built late is
    canceled, and no list is built for the order any more."""
    depot = DepotConsumer.build()
    depot.seed_list("shopping-list-id", "order-id")
    pact = expect_message(
        recorder.new_pact(),
        "an OrderRejected message",
        ORDER_EVENTS,
        messages.ORDER_REJECTED,
        {
            "id": match.str("order-id"),
            "customer_id": match.str("customer-id"),
            "payment_id": match.str("payment-id"),
        },
    )
    pact.verify(depot.receive, "Async")
    shopping = depot.shopping_list("shopping-list-id")
    assert shopping is not None
    assert shopping.status is ShoppingListStatus.CANCELED
    assert depot.closing_reason("order-id") is CloseReason.REJECTED
    recorder.record(pact)
