"""Consumer side of `pacts/ordering-baskets.json`: the checkout that becomes an order."""

from __future__ import annotations

from pact import match

from mall.ordering.domain.events import OrderItem, OrderStatus
from mall_contracts.baskets import messages
from mall_contracts.baskets.subjects import BASKET_EVENTS
from tests.contract.ordering_consumer import OrderingConsumer
from tests.support.contract_consumer import expect_message
from tests.support.contract_pacts import PactRecorder, pact_recorder

recorder = pact_recorder("ordering", "baskets", ["a BasketCheckedOut message"])


def test_basket_checked_out_creates_the_order(recorder: PactRecorder) -> None:
    ordering = OrderingConsumer.build()
    pact = expect_message(
        recorder.new_pact(),
        "a BasketCheckedOut message",
        BASKET_EVENTS,
        messages.BASKET_CHECKED_OUT,
        {
            "id": match.str("basket-id"),
            "customer_id": match.str("customer-id"),
            "payment_id": match.str("payment-id"),
            "items": match.each_like(
                {
                    "store_id": match.str("store-id"),
                    "product_id": match.str("product-id"),
                    "store_name": match.str("TheStore"),
                    "product_name": match.str("TheProduct"),
                    "price": match.number(10.0),
                    "quantity": match.int(2),
                }
            ),
        },
    )
    pact.verify(ordering.receive, "Async")
    order = ordering.order("basket-id")
    assert order is not None
    assert (order.status, order.customer_id, order.payment_id) == (
        OrderStatus.PENDING,
        "customer-id",
        "payment-id",
    )
    assert order.items == (OrderItem("store-id", "product-id", "TheStore", "TheProduct", 10.0, 2),)
    recorder.record(pact)
