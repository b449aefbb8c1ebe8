"""`PostgresDeadLetters`: `<schema>.dead_letters`, replayable, each with its error."""

from __future__ import annotations

import asyncpg

from mall_adapters.postgres.database import Database
from mall_adapters.postgres.envelope_rows import COLUMNS, envelope_from_row, envelope_params
from mall_adapters.reliability.envelope import Envelope
from mall_adapters.reliability.ports import DeadLetter, DeadLetters


class PostgresDeadLetters(DeadLetters):
    """Writes on its own: a failed handler's transaction has already rolled back."""

    def __init__(self, db: Database, module: str) -> None:
        self._db = db
        self.module = module

    async def park(self, consumer: str, envelope: Envelope, error: str, deliveries: int) -> None:
        await self._db.execute(
            f"INSERT INTO {self.module}.dead_letters"
            f" ({COLUMNS}, consumer, error, deliveries, failed_at)"
            " VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, now())"
            " ON CONFLICT (id, consumer) DO UPDATE SET error = excluded.error,"
            " deliveries = excluded.deliveries, failed_at = now(), replayed_at = NULL",
            *envelope_params(envelope),
            consumer,
            error,
            deliveries,
        )

    async def list(self, *, include_replayed: bool = False) -> list[DeadLetter]:
        rows = await self._db.fetch(
            f"SELECT * FROM {self.module}.dead_letters"
            " WHERE $1 OR replayed_at IS NULL ORDER BY failed_at, id",
            include_replayed,
        )
        return [self._letter(r) for r in rows]

    async def get(self, message_id: str, consumer: str) -> DeadLetter | None:
        row = await self._db.fetchrow(
            f"SELECT * FROM {self.module}.dead_letters WHERE id = $1 AND consumer = $2",
            message_id,
            consumer,
        )
        return None if row is None else self._letter(row)

    async def mark_replayed(self, message_id: str, consumer: str) -> None:
        await self._db.execute(
            f"UPDATE {self.module}.dead_letters SET replayed_at = now()"
            " WHERE id = $1 AND consumer = $2",
            message_id,
            consumer,
        )

    def _letter(self, row: asyncpg.Record) -> DeadLetter:
        return DeadLetter(
            module=self.module,
            consumer=row["consumer"],
            envelope=envelope_from_row(row),
            error=row["error"],
            deliveries=row["deliveries"],
            failed_at=row["failed_at"],
            replayed_at=row["replayed_at"],
        )
