"""Consumer side of `pacts/notifications-customers.json`: the customers events notifications
consumes (its customers cache) and the `GetCustomer` query it sends on a cache miss."""

from __future__ import annotations

import msgspec
import pytest
from pact import match

from mall.notifications.domain.notification import Kind
from mall.notifications.ports import CachedCustomer
from mall_contracts.common.messages import NotFound
from mall_contracts.customers import messages
from mall_contracts.customers.subjects import CUSTOMER_EVENTS, GET_CUSTOMER
from mall_contracts.notifications.ports import NotificationsRequests
from mall_contracts.ordering import messages as orders
from tests.contract.notifications_consumer import NotificationsConsumer
from tests.support.contract_consumer import expect_message
from tests.support.contract_pacts import PactRecorder, pact_recorder, run_sync

JSON = "application/json"
DESCRIPTIONS = (
    "a CustomerRegistered message",
    "a CustomerSmsChanged message",
    "a GetCustomer request for a known customer",
)
recorder = pact_recorder("notifications", "customers", DESCRIPTIONS)


REPLY = {
    "customer": {
        "id": "customer-id",
        "name": "Ann",
        "sms_number": "555-0100",
        "enabled": True,
        "version": 1,
    }
}


class PactCustomers(NotificationsRequests):
    """Customers answering `GetCustomer` with the reply the pact's response describes; keeps
    the queries it was sent."""

    def __init__(self, reply: bytes) -> None:
        self._reply = reply
        self.asked: list[messages.GetCustomer] = []

    async def get_customer(
        self, query: messages.GetCustomer
    ) -> messages.GetCustomerReply | NotFound:
        self.asked.append(query)
        return msgspec.json.decode(self._reply, type=messages.GetCustomerReply)


@pytest.fixture
def notifications() -> NotificationsConsumer:
    return NotificationsConsumer.build()


def test_customer_registered_caches_the_customer(
    recorder: PactRecorder, notifications: NotificationsConsumer
) -> None:
    pact = expect_message(
        recorder.new_pact(),
        "a CustomerRegistered message",
        CUSTOMER_EVENTS,
        messages.CUSTOMER_REGISTERED,
        {
            "id": match.str("customer-id"),
            "name": match.str("Ann"),
            "sms_number": match.str("555-0100"),
            "version": match.int(1),
        },
    )
    pact.verify(notifications.receive, "Async")
    assert notifications.cached("customer-id") == CachedCustomer(
        "customer-id", "Ann", "555-0100", 1
    )
    recorder.record(pact)


def test_customer_sms_changed_updates_the_cached_number(
    recorder: PactRecorder, notifications: NotificationsConsumer
) -> None:
    notifications.seed(CachedCustomer("customer-id", "Ann", "555-0100", 1))
    pact = expect_message(
        recorder.new_pact(),
        "a CustomerSmsChanged message",
        CUSTOMER_EVENTS,
        messages.CUSTOMER_SMS_CHANGED,
        {
            "id": match.str("customer-id"),
            "sms_number": match.str("555-0199"),
            "version": match.int(2),
        },
    )
    pact.verify(notifications.receive, "Async")
    assert notifications.cached("customer-id") == CachedCustomer(
        "customer-id", "Ann", "555-0199", 2
    )
    recorder.record(pact)


def test_get_customer_on_a_cache_miss(recorder: PactRecorder) -> None:
    pact = recorder.new_pact()
    (
        pact.upon_receiving("a GetCustomer request for a known customer", "Sync")
        .given("a customer exists", {"id": "customer-id"})
        .with_body({"id": match.str("customer-id")}, content_type=JSON)
        .with_metadata({"subject": GET_CUSTOMER, "name": messages.GET_CUSTOMER})
        .will_respond_with()
        .with_body({"customer": match.like(REPLY["customer"])}, content_type=JSON)
        .with_metadata({"name": messages.GET_CUSTOMER_REPLY})
    )
    customers = PactCustomers(msgspec.json.encode(REPLY))  # the response's example
    notifications = NotificationsConsumer.build(customers)

    def ask(body: str | bytes | None, metadata: dict[str, object]) -> None:
        """An order for a customer the cache does not know: the lookup sends the query."""
        run_sync(
            notifications.core.handlers.on_order_readied(
                orders.OrderReadied(id="o1", customer_id="customer-id", payment_id="p", total=1.0)
            )
        )
        sent = msgspec.json.encode(customers.asked[-1])
        request = body if isinstance(body, bytes) else str(body or "").encode()  # pact's string
        assert msgspec.json.decode(sent) == msgspec.json.decode(request)
        assert metadata["subject"] == GET_CUSTOMER

    pact.verify(ask, "Sync")
    assert notifications.cached("customer-id") == CachedCustomer(
        "customer-id", "Ann", "555-0100", 1
    )
    [notification] = notifications.recorded()
    assert (notification.kind, notification.sms_number) == (Kind.ORDER_READY, "555-0100")
    recorder.record(pact)
