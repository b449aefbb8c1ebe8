"""`<schema>.outbox`: messages written in the sender's transaction, relayed later in order."""

from __future__ import annotations

from collections.abc import Sequence

from mall_adapters.messaging.envelope import Envelope
from mall_adapters.postgres.database import Connection, Database
from mall_adapters.postgres.envelope_rows import COLUMNS, envelope_from_row, envelope_params


class PostgresOutbox:
    def __init__(self, db: Database, schema: str) -> None:
        self._db = db
        self.schema = schema

    async def add(self, envelope: Envelope) -> None:
        """Insert in the current transaction; a repeated message id is ignored (idempotent)."""
        await self._db.connection().execute(
            f"INSERT INTO {self.schema}.outbox ({COLUMNS})"
            " VALUES ($1, $2, $3, $4, $5::jsonb, $6) ON CONFLICT (id) DO NOTHING",
            *envelope_params(envelope),
        )

    async def unpublished(self, conn: Connection, limit: int) -> list[Envelope]:
        """The oldest unpublished messages, in the order they were written."""
        rows = await conn.fetch(
            f"SELECT {COLUMNS} FROM {self.schema}.outbox"
            " WHERE published_at IS NULL ORDER BY sent_at, position LIMIT $1",
            limit,
        )
        return [envelope_from_row(r) for r in rows]

    async def mark_published(self, conn: Connection, ids: Sequence[str]) -> None:
        await conn.execute(
            f"UPDATE {self.schema}.outbox SET published_at = now() WHERE id = ANY($1::text[])",
            list(ids),
        )
