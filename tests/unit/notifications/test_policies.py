"""Order events become notifications for the customer, looked up in the cache or asked of
customers; the customers events keep the cache current."""

from __future__ import annotations

import pytest

from mall.kernel.errors import UnavailableError
from mall.notifications.application.lookup import CUSTOMER_NOT_LOCATED
from mall.notifications.domain.notification import Kind, Status
from mall.notifications.ports import CachedCustomer
from mall_contracts.common.messages import NotFound
from mall_contracts.customers import messages as customers_messages
from mall_contracts.ordering import messages as orders
from tests.support import cores
from tests.unit.notifications.conftest import NotificationsCore


class SilentCustomers:
    """Customers that never answers (what the NATS requester reports as `UnavailableError`)."""

    async def get_customer(
        self, query: customers_messages.GetCustomer
    ) -> customers_messages.GetCustomerReply | NotFound:
        raise UnavailableError("customersapi.GetCustomer got no answer")


async def test_an_order_event_records_a_pending_notification(core: NotificationsCore) -> None:
    ann = await core.registered("Ann", "555-0100")
    await core.order_readied("order-1", ann)
    [notification] = core.recorded()
    assert (
        notification.order_id,
        notification.customer_id,
        notification.sms_number,
        notification.kind,
        notification.status,
        notification.created_at,
    ) == ("order-1", ann, "555-0100", Kind.ORDER_READY, Status.PENDING, core.clock.now())
    assert notification.text == "Hi Ann, your order order-1 is ready for pickup."
    assert core.requests.asked == []  # the cache knew Ann
    assert core.sender.attempts == 0  # the dispatcher sends, not the handler


async def test_each_order_event_has_its_kind_and_text(core: NotificationsCore) -> None:
    ann = await core.registered("Ann")
    await core.order_created("o1", ann)
    await core.order_readied("o1", ann)
    await core.handlers.on_order_canceled(
        orders.OrderCanceled(id="o1", customer_id=ann, payment_id="p", total=10.0)
    )
    await core.handlers.on_order_completed(
        orders.OrderCompleted(id="o1", customer_id=ann, invoice_id="i")
    )
    assert [(n.kind, n.text) for n in core.recorded()] == [
        (
            Kind.ORDER_CREATED,
            "Hi Ann, we received your order o1. We will text you when it is ready for pickup.",
        ),
        (Kind.ORDER_READY, "Hi Ann, your order o1 is ready for pickup."),
        (Kind.ORDER_CANCELED, "Hi Ann, your order o1 was canceled."),
        (Kind.ORDER_COMPLETED, "Hi Ann, your order o1 is completed. Thank you!"),
    ]


async def test_a_repeated_event_records_nothing_more(core: NotificationsCore) -> None:
    ann = await core.registered()
    await core.order_created("o1", ann)
    await core.order_created("o1", ann)
    assert len(core.recorded()) == 1


async def test_a_cache_miss_asks_customers_once_and_caches_the_answer(
    core: NotificationsCore,
) -> None:
    bob = await core.customer("Bob", "555-0142")  # the cache never saw CustomerRegistered
    await core.order_created("o1", bob)
    await core.order_readied("o1", bob)
    assert core.requests.asked == [customers_messages.GetCustomer(id=bob)]
    assert core.customer_cache.rows == {bob: CachedCustomer(bob, "Bob", "555-0142", 1)}
    assert [n.sms_number for n in core.recorded()] == ["555-0142", "555-0142"]


async def test_an_unknown_customer_is_a_failed_notification(core: NotificationsCore) -> None:
    await core.order_created("o1", "nobody")
    [notification] = core.recorded()
    assert (notification.status, notification.error, notification.sms_number) == (
        Status.FAILED,
        CUSTOMER_NOT_LOCATED,
        "",
    )
    assert core.customer_cache.rows == {}
    assert await core.dispatcher.deliver_due() == 0


async def test_customers_not_answering_records_nothing() -> None:
    """No unit of work ran, so neither did the inbox row: the delivery is retried."""
    silent = cores.build_notifications_core(SilentCustomers())
    with pytest.raises(UnavailableError):
        await silent.handlers.on_order_created(
            orders.OrderCreated(id="o1", customer_id="c1", payment_id="p", items=[])
        )
    assert (silent.log.rows, silent.customer_cache.rows) == ({}, {})


async def test_sms_changes_reach_the_cache(core: NotificationsCore) -> None:
    ann = await core.registered("Ann", "555-0100")
    await core.handlers.on_customer_sms_changed(await core.sms_changed(ann, "555-0199"))
    await core.order_created("o1", ann)
    assert [n.sms_number for n in core.recorded()] == ["555-0199"]


async def test_an_sms_change_of_an_unknown_customer_leaves_it_to_the_fallback(
    core: NotificationsCore,
) -> None:
    await core.handlers.on_customer_sms_changed(
        customers_messages.CustomerSmsChanged(id="c9", sms_number="555-0199", version=2)
    )
    assert core.customer_cache.rows == {}


async def test_a_late_registration_keeps_the_newer_cached_entry(core: NotificationsCore) -> None:
    ann = await core.registered("Ann", "555-0100")
    registration = core.published(customers_messages.CustomerRegistered)
    await core.handlers.on_customer_sms_changed(await core.sms_changed(ann, "555-0199"))
    await core.handlers.on_customer_registered(registration)  # a redelivery
    assert core.customer_cache.rows[ann].sms_number == "555-0199"


async def test_a_late_sms_change_never_undoes_a_newer_one(core: NotificationsCore) -> None:
    ann = await core.registered("Ann", "555-0100")
    first = await core.sms_changed(ann, "555-0142")
    second = await core.sms_changed(ann, "555-0199")
    await core.handlers.on_customer_sms_changed(second)
    await core.handlers.on_customer_sms_changed(first)  # reordered: older, ignored
    await core.order_created("o1", ann)
    assert [n.sms_number for n in core.recorded()] == ["555-0199"]


async def test_a_fallback_that_saw_newer_changes_outlives_late_events(
    core: NotificationsCore,
) -> None:
    ann = await core.customer("Ann", "555-0100")
    registration = core.published(customers_messages.CustomerRegistered)
    change = await core.sms_changed(ann, "555-0199")
    await core.order_created("o1", ann)  # a miss: customers answers with the number 555-0199
    await core.handlers.on_customer_registered(registration)  # then the events, late
    await core.handlers.on_customer_sms_changed(change)
    assert core.customer_cache.rows[ann] == CachedCustomer(ann, "Ann", "555-0199", 2)
