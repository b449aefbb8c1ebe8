"""Query handlers of Notifications."""

from __future__ import annotations

from mall.kernel.errors import BadRequestError
from mall.notifications.domain.notification import Notification
from mall.notifications.ports import NotificationLog
from mall_contracts.notifications import http

CUSTOMER_ID_BLANK = "the customer id cannot be blank"
LISTED = 100  # the newest notifications a list shows


class ListNotifications:
    def __init__(self, log: NotificationLog) -> None:
        self._log = log

    async def __call__(self, customer_id: str) -> http.ListNotificationsResponse:
        if not customer_id.strip():
            raise BadRequestError(CUSTOMER_ID_BLANK)
        found = await self._log.for_customer(customer_id, LISTED)
        return http.ListNotificationsResponse(notifications=[view(n) for n in found])


def view(notification: Notification) -> http.Notification:
    sent_at = notification.sent_at
    return http.Notification(
        id=notification.id,
        order_id=notification.order_id,
        customer_id=notification.customer_id,
        sms_number=notification.sms_number,
        kind=notification.kind.value,
        text=notification.text,
        status=notification.status.value,
        sent_at="" if sent_at is None else sent_at.isoformat(),
        error=notification.error,
    )
