"""Consumer side of `pacts/search-ordering.json`: the order events search builds its orders
read model from."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from pact import match

from mall.search.domain.status import OrderStatus
from mall.search.ports import CachedCustomer, CachedProduct, CachedStore, OrderLine, SearchedOrder
from mall_contracts.ordering import messages
from mall_contracts.ordering.subjects import ORDER_EVENTS
from tests.contract.search_consumer import SearchConsumer
from tests.support.contract_consumer import expect_message
from tests.support.contract_pacts import PactRecorder, pact_recorder, run_sync

DESCRIPTIONS = (
    "an OrderCreated message",
    "an OrderRejected message",
    "an OrderApproved message",
    "an OrderReadied message",
    "an OrderCanceled message",
    "an OrderCompleted message",
)
LINE = OrderLine("product-id", "store-id", "TheProduct", "NewStore", 10.0, 2)
recorder = pact_recorder("search", "ordering", DESCRIPTIONS)


@pytest.fixture
def search() -> SearchConsumer:
    return SearchConsumer()


def test_order_created_records_the_order(recorder: PactRecorder, search: SearchConsumer) -> None:
    core = search.core
    run_sync(core.customer_cache.save(CachedCustomer("customer-id", "Ann", 1)))
    run_sync(core.store_cache.save(CachedStore("store-id", "NewStore", 1)))
    run_sync(core.product_cache.save(CachedProduct("product-id", "store-id", "TheProduct", 1)))
    pact = expect_message(
        recorder.new_pact(),
        "an OrderCreated message",
        ORDER_EVENTS,
        messages.ORDER_CREATED,
        {
            "id": match.str("order-id"),
            "customer_id": match.str("customer-id"),
            "payment_id": match.str("payment-id"),
            "shopping_id": match.str(""),
            "items": match.each_like(
                {
                    "product_id": match.str("product-id"),
                    "store_id": match.str("store-id"),
                    "price": match.number(10.0),
                    "quantity": match.int(2),
                }
            ),
        },
    )
    pact.verify(search.receive, "Async")
    order = run_sync(core.orders.find("order-id"))
    assert order is not None
    assert (order.customer_name, order.lines, order.total, order.status) == (
        "Ann",
        (LINE,),
        20.0,
        OrderStatus.NEW,
    )
    assert core.requests.asked == []
    recorder.record(pact)


IDS = {
    "id": match.str("order-id"),
    "customer_id": match.str("customer-id"),
    "payment_id": match.str("payment-id"),
}


@pytest.mark.parametrize(
    ("description", "name", "body", "status"),
    [
        ("an OrderRejected message", messages.ORDER_REJECTED, IDS, OrderStatus.REJECTED),
        (
            "an OrderApproved message",
            messages.ORDER_APPROVED,
            {**IDS, "shopping_id": match.str("shopping-id")},
            OrderStatus.APPROVED,
        ),
        (
            "an OrderReadied message",
            messages.ORDER_READIED,
            {**IDS, "total": match.number(20.0)},
            OrderStatus.READY,
        ),
        (
            "an OrderCanceled message",
            messages.ORDER_CANCELED,
            {**IDS, "shopping_id": match.str("shopping-id"), "total": match.number(20.0)},
            OrderStatus.CANCELED,
        ),
        (
            "an OrderCompleted message",
            messages.ORDER_COMPLETED,
            {
                "id": match.str("order-id"),
                "customer_id": match.str("customer-id"),
                "invoice_id": match.str("invoice-id"),
            },
            OrderStatus.COMPLETED,
        ),
    ],
)
def test_a_status_event_moves_the_order_on(
    recorder: PactRecorder,
    search: SearchConsumer,
    description: str,
    name: str,
    body: dict[str, Any],
    status: OrderStatus,
) -> None:
    recorded = SearchedOrder(
        "order-id", "customer-id", "Ann", (LINE,), 20.0, OrderStatus.NEW, datetime.now(UTC)
    )
    run_sync(search.core.orders.record(recorded))
    pact = expect_message(recorder.new_pact(), description, ORDER_EVENTS, name, body)
    pact.verify(search.receive, "Async")
    order = run_sync(search.core.orders.find("order-id"))
    assert order is not None
    assert order.status is status
    recorder.record(pact)
