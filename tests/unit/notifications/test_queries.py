"""GET /api/notifications?customerId=: a customer's notifications, newest first."""

from __future__ import annotations

import pytest

from mall.kernel.errors import BadRequestError
from mall_contracts.notifications import http
from tests.unit.notifications.conftest import NotificationsCore


async def test_a_customers_notifications_newest_first(core: NotificationsCore) -> None:
    ann = await core.registered("Ann", "555-0100")
    bob = await core.registered("Bob", "555-0142")
    await core.order_created("o1", ann)
    await core.order_created("o2", bob)
    core.clock.advance(60)
    await core.order_readied("o1", ann)
    await core.dispatcher.deliver_due()
    sent_at = core.clock.now().isoformat()
    created, _bobs, ready = core.recorded()
    listed = await core.service.list_notifications(ann)
    assert listed == http.ListNotificationsResponse(
        notifications=[
            http.Notification(
                id=ready.id,
                order_id="o1",
                customer_id=ann,
                sms_number="555-0100",
                kind="order_ready",
                text="Hi Ann, your order o1 is ready for pickup.",
                status="sent",
                sent_at=sent_at,
                error="",
            ),
            http.Notification(
                id=created.id,
                order_id="o1",
                customer_id=ann,
                sms_number="555-0100",
                kind="order_created",
                text=created.text,
                status="sent",
                sent_at=sent_at,
                error="",
            ),
        ]
    )


async def test_a_pending_notification_has_no_sent_time(core: NotificationsCore) -> None:
    ann = await core.registered()
    await core.order_created("o1", ann)
    [pending] = (await core.service.list_notifications(ann)).notifications
    assert (pending.status, pending.sent_at, pending.error) == ("pending", "", "")


async def test_a_customer_without_notifications_gets_an_empty_list(
    core: NotificationsCore,
) -> None:
    listed = await core.service.list_notifications("nobody")
    assert listed == http.ListNotificationsResponse(notifications=[])


@pytest.mark.parametrize("customer_id", ["", "  \t"])
async def test_a_blank_customer_id_is_refused(core: NotificationsCore, customer_id: str) -> None:
    with pytest.raises(BadRequestError, match=r"^the customer id cannot be blank$"):
        await core.service.list_notifications(customer_id)
