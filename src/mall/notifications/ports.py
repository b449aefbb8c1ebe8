"""Driven ports of Notifications: the customers cache, the notification log (the module's SMS
outbox) and the SMS sender."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from mall.kernel.cache import VersionedCache
from mall.notifications.domain.notification import Notification


@dataclass(frozen=True)
class CachedCustomer:
    id: str
    name: str
    sms_number: str
    version: int  # the customers version this entry shows


class CustomerCache(VersionedCache[CachedCustomer], Protocol):
    """The customers notifications knows (id, name, SMS number), kept from the customers
    events and filled by look-up fallbacks; versions are the customers versions (see
    `mall.kernel.cache`).

    `change_sms` changes an entry of an older version only and leaves an unknown id unknown
    (the next look-up of it asks customers).
    """

    async def change_sms(self, customer_id: str, sms_number: str, version: int) -> None: ...


class NotificationLog(Protocol):
    """Every notification recorded, with the state of its delivery: the module's SMS outbox.

    Writes happen in the caller's unit of work; `for_customer` reads committed rows anywhere.
    A row is *due* while it is pending and its due time has come.
    """

    async def record(self, notification: Notification) -> bool:
        """Insert `notification` (pending ones are due at once) unless one exists for the
        same order and kind; True when it was inserted."""
        ...

    async def claim_due(
        self, now: datetime, lease_until: datetime, limit: int
    ) -> list[Notification]:
        """Take up to `limit` rows due at `now`, earliest due first, skipping rows another
        unit of work is claiming at the same time. Each comes back with one more attempt
        counted and is due again only at `lease_until`, so nobody else claims it while its
        SMS is being sent (and somebody does, should the sender die)."""
        ...

    async def mark_sent(self, notification_id: str, at: datetime) -> None:
        """A pending row becomes sent at `at`."""
        ...

    async def retry_at(self, notification_id: str, error: str, at: datetime) -> None:
        """A pending row keeps `error` as its last error and is due again at `at`."""
        ...

    async def mark_failed(self, notification_id: str, error: str) -> None:
        """A pending row becomes failed with `error`; it is never due again."""
        ...

    async def for_customer(self, customer_id: str, limit: int) -> list[Notification]:
        """The customer's newest `limit` notifications, newest (last recorded) first."""
        ...


@dataclass(frozen=True)
class Sms:
    notification_id: str  # lets a gateway drop a repeat
    to: str
    text: str
    order_id: str
    kind: str


class SmsError(Exception):
    """The gateway refused the SMS or did not answer in time; the text says which."""


class SmsSender(Protocol):
    """Hands an SMS to the SMS gateway. Returns once the gateway accepted it; raises
    `SmsError` when it refused it or did not answer in time. Never called inside a unit of
    work (it crosses the network)."""

    async def send(self, sms: Sms) -> None: ...
