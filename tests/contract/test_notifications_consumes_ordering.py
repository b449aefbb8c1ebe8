"""Consumer side of `pacts/notifications-ordering.json`: the order events notifications
consumes, each handled by the real policies behind the generated routes."""

from __future__ import annotations

from typing import Any

import pytest
from pact import match

from mall.notifications.domain.notification import Kind, Status
from mall.notifications.ports import CachedCustomer
from mall_contracts.ordering import messages
from mall_contracts.ordering.subjects import ORDER_EVENTS
from tests.contract.notifications_consumer import NotificationsConsumer
from tests.support.contract_consumer import expect_message
from tests.support.contract_pacts import PactRecorder, pact_recorder

ANN = CachedCustomer("customer-id", "Ann", "555-0100", 1)
CASES = [
    (
        "an OrderCreated message",
        messages.ORDER_CREATED,
        Kind.ORDER_CREATED,
        {
            "id": match.str("order-id"),
            "customer_id": match.str("customer-id"),
            "payment_id": match.str("payment-id"),
            "shopping_id": match.str(""),
            "items": match.each_like(
                {
                    "product_id": match.str("product-id"),
                    "store_id": match.str("store-id"),
                    "price": match.number(9.99),
                    "quantity": match.int(2),
                }
            ),
        },
    ),
    (
        "an OrderReadied message",
        messages.ORDER_READIED,
        Kind.ORDER_READY,
        {
            "id": match.str("order-id"),
            "customer_id": match.str("customer-id"),
            "payment_id": match.str("payment-id"),
            "total": match.number(19.98),
        },
    ),
    (
        "an OrderCanceled message",
        messages.ORDER_CANCELED,
        Kind.ORDER_CANCELED,
        {
            "id": match.str("order-id"),
            "customer_id": match.str("customer-id"),
            "payment_id": match.str("payment-id"),
            "shopping_id": match.str("shopping-id"),
            "total": match.number(19.98),
        },
    ),
    (
        "an OrderCompleted message",
        messages.ORDER_COMPLETED,
        Kind.ORDER_COMPLETED,
        {
            "id": match.str("order-id"),
            "customer_id": match.str("customer-id"),
            "invoice_id": match.str("invoice-id"),
        },
    ),
]


recorder = pact_recorder("notifications", "ordering", [case[0] for case in CASES])


@pytest.fixture
def notifications() -> NotificationsConsumer:
    consumer = NotificationsConsumer.build()
    consumer.seed(ANN)
    return consumer


@pytest.mark.parametrize(("description", "name", "kind", "body"), CASES)
def test_an_order_event_records_a_notification_to_send(
    recorder: PactRecorder,
    notifications: NotificationsConsumer,
    description: str,
    name: str,
    kind: Kind,
    body: dict[str, Any],
) -> None:
    pact = expect_message(recorder.new_pact(), description, ORDER_EVENTS, name, body)
    pact.verify(notifications.receive, "Async")
    [notification] = notifications.recorded()
    assert (notification.order_id, notification.kind, notification.status) == (
        "order-id",
        kind,
        Status.PENDING,
    )
    assert (notification.customer_id, notification.sms_number) == ("customer-id", "555-0100")
    recorder.record(pact)


def test_an_order_event_without_its_customer_fails_the_consumer(
    recorder: PactRecorder, notifications: NotificationsConsumer
) -> None:
    # A Pact of its own that is never recorded: it must not reach the committed contract.
    body = {"id": match.str("order-id"), "payment_id": match.str("p"), "total": match.number(1)}
    pact = expect_message(
        recorder.new_pact(),
        "an OrderReadied message without a customer",
        ORDER_EVENTS,
        messages.ORDER_READIED,
        body,
    )
    errors = pact.verify(notifications.receive, "Async", raises=False)
    assert [e.description for e in errors] == ["an OrderReadied message without a customer"]
    assert "missing required field `customer_id`" in str(errors[0].error)
    assert notifications.recorded() == []
