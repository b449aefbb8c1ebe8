"""In-memory customers cache and notification log, and a recording SMS sender."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from mall.notifications.domain.notification import Notification, Status
from mall.notifications.ports import (
    CachedCustomer,
    CustomerCache,
    NotificationLog,
    Sms,
    SmsError,
    SmsSender,
)
from mall_adapters.memory.versioned_cache import InMemoryVersionedCache
from mall_adapters.reliability.guard import forbid_network_io


class InMemoryCustomerCache(InMemoryVersionedCache[CachedCustomer], CustomerCache):
    async def change_sms(self, customer_id: str, sms_number: str, version: int) -> None:
        await self.update_if_older(customer_id, version, sms_number=sms_number)


@dataclass
class _Row:
    notification: Notification
    due: datetime
    position: int  # insertion order: "newest first" among equal times


class InMemoryNotificationLog(NotificationLog):
    def __init__(self) -> None:
        self.rows: dict[str, _Row] = {}

    async def record(self, notification: Notification) -> bool:
        key = (notification.order_id, notification.kind)
        if any((r.notification.order_id, r.notification.kind) == key for r in self.rows.values()):
            return False
        row = _Row(notification, notification.created_at, len(self.rows))
        self.rows[notification.id] = row
        return True

    async def claim_due(
        self, now: datetime, lease_until: datetime, limit: int
    ) -> list[Notification]:
        due = [
            r
            for r in self.rows.values()
            if r.notification.status is Status.PENDING and r.due <= now
        ]
        due.sort(key=lambda r: (r.due, r.notification.created_at, r.position))
        claimed = []
        for row in due[:limit]:
            row.notification = replace(row.notification, attempts=row.notification.attempts + 1)
            row.due = lease_until
            claimed.append(row.notification)
        return claimed

    async def mark_sent(self, notification_id: str, at: datetime) -> None:
        self._change(notification_id, status=Status.SENT, sent_at=at)

    async def retry_at(self, notification_id: str, error: str, at: datetime) -> None:
        row = self._pending(notification_id)
        if row is not None:
            row.notification = replace(row.notification, error=error)
            row.due = at

    async def mark_failed(self, notification_id: str, error: str) -> None:
        self._change(notification_id, status=Status.FAILED, error=error)

    async def for_customer(self, customer_id: str, limit: int) -> list[Notification]:
        mine = [r for r in self.rows.values() if r.notification.customer_id == customer_id]
        mine.sort(key=lambda r: (r.notification.created_at, r.position), reverse=True)
        return [r.notification for r in mine[:limit]]

    def _pending(self, notification_id: str) -> _Row | None:
        row = self.rows.get(notification_id)
        return row if row is not None and row.notification.status is Status.PENDING else None

    def _change(self, notification_id: str, **changes: object) -> None:
        row = self._pending(notification_id)
        if row is not None:
            row.notification = replace(row.notification, **changes)  # type: ignore[arg-type]


class RecordingSmsSender(SmsSender):
    """Keeps every SMS it accepted in `sent` and counts every try in `attempts`. An SMS to a
    number in `refusals` fails with that error text. Like a real sender it refuses to run
    inside a unit of work."""

    def __init__(self) -> None:
        self.sent: list[Sms] = []
        self.refusals: dict[str, str] = {}
        self.attempts = 0

    async def send(self, sms: Sms) -> None:
        forbid_network_io("SMS")
        self.attempts += 1
        refusal = self.refusals.get(sms.to)
        if refusal is not None:
            raise SmsError(refusal)
        self.sent.append(sms)
