"""Consumer side of `pacts/depot-ordering.json`: a canceled order cancels its shopping list."""

from __future__ import annotations

from pact import match

from mall.depot.domain.events import ShoppingListStatus
from mall.depot.domain.shopping_list import ShoppingList
from mall_contracts.ordering import messages
from mall_contracts.ordering.subjects import ORDER_EVENTS
from tests.contract.depot_consumer import DepotConsumer
from tests.support.contract_consumer import expect_message
from tests.support.contract_pacts import PactRecorder, pact_recorder

recorder = pact_recorder("depot", "ordering", ["an OrderCanceled message"])


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
    recorder.record(pact)
