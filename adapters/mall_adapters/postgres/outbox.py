"""`PostgresOutbox`: `<schema>.outbox`, written in the sender's transaction."""

from __future__ import annotations

from collections.abc import Sequence

from mall_adapters.postgres.database import Database
from mall_adapters.postgres.envelope_rows import COLUMNS, envelope_from_row, envelope_params
from mall_adapters.reliability.envelope import Envelope
from mall_adapters.reliability.ports import Outbox


class PostgresOutbox(Outbox):
    """Every insert NOTIFYs `intellimall_outbox` with the schema name (a statement trigger),
    which `PostgresOutboxWatch` turns into a wake-up of the module's relay."""

    def __init__(self, db: Database, module: str) -> None:
        self._db = db
        self.module = module

    async def add(self, envelope: Envelope) -> None:
        await self._db.connection().execute(
            f"INSERT INTO {self.module}.outbox ({COLUMNS})"
            " VALUES ($1, $2, $3, $4, $5::jsonb, $6) ON CONFLICT (id) DO NOTHING",
            *envelope_params(envelope),
        )

    async def unpublished(self, limit: int) -> list[Envelope]:
        rows = await self._db.fetch(
            f"SELECT {COLUMNS} FROM {self.module}.outbox"
            " WHERE published_at IS NULL ORDER BY sent_at, position LIMIT $1",
            limit,
        )
        return [envelope_from_row(r) for r in rows]

    async def mark_published(self, message_ids: Sequence[str]) -> None:
        await self._db.execute(
            f"UPDATE {self.module}.outbox SET published_at = now() WHERE id = ANY($1::text[])",
            list(message_ids),
        )

    async def backlog(self) -> int:
        # Counts the small partial index of the unpublished rows, not the table.
        count: int = await self._db.fetchval(
            f"SELECT count(*) FROM {self.module}.outbox WHERE published_at IS NULL"
        )
        return count

    async def remove(self, message_id: str) -> None:
        await self._db.execute(f"DELETE FROM {self.module}.outbox WHERE id = $1", message_id)
