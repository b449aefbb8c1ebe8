"""`<schema>.dead_letters`: messages a consumer gave up on, with the error; replayable."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from mall_adapters.messaging.envelope import Envelope
from mall_adapters.postgres.database import Database


@dataclass(frozen=True)
class DeadLetter:
    module: str
    consumer: str
    envelope: Envelope
    error: str
    deliveries: int
    failed_at: datetime
    replayed_at: datetime | None


class PostgresDeadLetters:
    """Parking uses its own transaction: the handler's transaction has already rolled back."""

    def __init__(self, db: Database, schema: str) -> None:
        self._db = db
        self.schema = schema

    async def park(self, consumer: str, envelope: Envelope, error: str, deliveries: int) -> None:
        await self._db.pool.execute(
            f"INSERT INTO {self.schema}.dead_letters"
            " (id, consumer, name, subject, data, metadata, sent_at, error, deliveries, failed_at)"
            " VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, now())"
            " ON CONFLICT (id, consumer) DO UPDATE SET error = excluded.error,"
            " deliveries = excluded.deliveries, failed_at = now(), replayed_at = NULL",
            envelope.id,
            consumer,
            envelope.name,
            envelope.subject,
            envelope.data,
            json.dumps(dict(envelope.extra_headers)),
            envelope.occurred_at,
            error,
            deliveries,
        )

    async def list(self, *, include_replayed: bool = False) -> list[DeadLetter]:
        rows = await self._db.pool.fetch(
            f"SELECT * FROM {self.schema}.dead_letters"
            " WHERE $1 OR replayed_at IS NULL ORDER BY failed_at",
            include_replayed,
        )
        return [self._letter(r) for r in rows]

    async def get(self, message_id: str, consumer: str) -> DeadLetter | None:
        row = await self._db.pool.fetchrow(
            f"SELECT * FROM {self.schema}.dead_letters WHERE id = $1 AND consumer = $2",
            message_id,
            consumer,
        )
        return None if row is None else self._letter(row)

    async def mark_replayed(self, message_id: str, consumer: str) -> None:
        await self._db.pool.execute(
            f"UPDATE {self.schema}.dead_letters SET replayed_at = now()"
            " WHERE id = $1 AND consumer = $2",
            message_id,
            consumer,
        )

    def _letter(self, row: asyncpg.Record) -> DeadLetter:
        envelope = Envelope(
            id=row["id"],
            name=row["name"],
            subject=row["subject"],
            data=bytes(row["data"]),
            occurred_at=row["sent_at"],
            extra_headers=json.loads(row["metadata"]),
        )
        return DeadLetter(
            module=self.schema,
            consumer=row["consumer"],
            envelope=envelope,
            error=row["error"],
            deliveries=row["deliveries"],
            failed_at=row["failed_at"],
            replayed_at=row["replayed_at"],
        )
