"""Notifications' tables: `notifications.customers_cache` and `notifications.sent`."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from mall.notifications.domain.notification import Kind, Notification, Status
from mall.notifications.ports import CachedCustomer, CustomerCache, NotificationLog
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.versioned_cache import CacheTable, PostgresVersionedCache

COLUMNS = (
    "id, order_id, customer_id, sms_number, kind, text, status, attempts, error,"
    " created_at, sent_at"
)
CUSTOMERS = CacheTable(
    "notifications.customers_cache", CachedCustomer, ("id", "name", "sms_number", "version")
)
NUL = "\x00"  # text cannot hold it, and no id holds it: such an id names nothing


class PostgresCustomerCache(PostgresVersionedCache[CachedCustomer], CustomerCache):
    table = CUSTOMERS

    async def change_sms(self, customer_id: str, sms_number: str, version: int) -> None:
        await self.update_if_older(customer_id, version, sms_number=sms_number)


class PostgresNotificationLog(NotificationLog):
    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(self, notification: Notification) -> bool:
        n = notification
        inserted = await self._db.connection().fetchval(
            "INSERT INTO notifications.sent (id, order_id, customer_id, sms_number, kind, text,"
            " status, attempts, error, created_at, due_at, sent_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11)"
            " ON CONFLICT (order_id, kind) DO NOTHING RETURNING true",
            n.id,
            n.order_id,
            n.customer_id,
            n.sms_number,
            n.kind.value,
            n.text,
            n.status.value,
            n.attempts,
            n.error,
            n.created_at,
            n.sent_at,
        )
        return bool(inserted)

    async def claim_due(
        self, now: datetime, lease_until: datetime, limit: int
    ) -> list[Notification]:
        rows = await self._db.connection().fetch(
            "WITH due AS (SELECT id FROM notifications.sent"
            " WHERE status = 'pending' AND due_at <= $1"
            " ORDER BY due_at, position LIMIT $3 FOR UPDATE SKIP LOCKED)"
            " UPDATE notifications.sent s SET attempts = s.attempts + 1, due_at = $2"
            f" FROM due WHERE s.id = due.id RETURNING {_qualified('s')}, s.due_at, s.position",
            now,
            lease_until,
            limit,
        )
        return [_notification(r) for r in sorted(rows, key=lambda r: r["position"])]

    async def mark_sent(self, notification_id: str, at: datetime) -> None:
        await self._db.connection().execute(
            "UPDATE notifications.sent SET status = 'sent', sent_at = $2"
            " WHERE id = $1 AND status = 'pending'",
            notification_id,
            at,
        )

    async def retry_at(self, notification_id: str, error: str, at: datetime) -> None:
        await self._db.connection().execute(
            "UPDATE notifications.sent SET error = $2, due_at = $3"
            " WHERE id = $1 AND status = 'pending'",
            notification_id,
            error,
            at,
        )

    async def mark_failed(self, notification_id: str, error: str) -> None:
        await self._db.connection().execute(
            "UPDATE notifications.sent SET status = 'failed', error = $2"
            " WHERE id = $1 AND status = 'pending'",
            notification_id,
            error,
        )

    async def for_customer(self, customer_id: str, limit: int) -> list[Notification]:
        if NUL in customer_id:
            return []
        rows = await self._db.fetch(
            f"SELECT {COLUMNS} FROM notifications.sent WHERE customer_id = $1"
            " ORDER BY created_at DESC, position DESC LIMIT $2",
            customer_id,
            limit,
        )
        return [_notification(r) for r in rows]


def _qualified(alias: str) -> str:
    return ", ".join(f"{alias}.{c.strip()}" for c in COLUMNS.split(","))


def _notification(row: asyncpg.Record) -> Notification:
    return Notification(
        id=row["id"],
        order_id=row["order_id"],
        customer_id=row["customer_id"],
        sms_number=row["sms_number"],
        kind=Kind(row["kind"]),
        text=row["text"],
        created_at=row["created_at"],
        status=Status(row["status"]),
        attempts=row["attempts"],
        error=row["error"],
        sent_at=row["sent_at"],
    )
