"""`<schema>.outbox`: messages written in the sender's transaction, relayed later in order."""

from __future__ import annotations

import json
from collections.abc import Sequence

from mall_adapters.messaging.envelope import Envelope
from mall_adapters.postgres.database import Connection, Database


class PostgresOutbox:
    def __init__(self, db: Database, schema: str) -> None:
        self._db = db
        self.schema = schema

    async def add(self, envelope: Envelope) -> None:
        """Insert in the current transaction; a repeated message id is ignored (idempotent)."""
        await self._db.connection().execute(
            f"INSERT INTO {self.schema}.outbox (id, name, subject, data, metadata, sent_at)"
            " VALUES ($1, $2, $3, $4, $5::jsonb, $6) ON CONFLICT (id) DO NOTHING",
            envelope.id,
            envelope.name,
            envelope.subject,
            envelope.data,
            json.dumps(dict(envelope.extra_headers)),
            envelope.occurred_at,
        )

    async def unpublished(self, conn: Connection, limit: int) -> list[Envelope]:
        """The oldest unpublished messages, in the order they were written."""
        rows = await conn.fetch(
            f"SELECT id, name, subject, data, metadata, sent_at FROM {self.schema}.outbox"
            " WHERE published_at IS NULL ORDER BY sent_at, position LIMIT $1",
            limit,
        )
        return [
            Envelope(
                id=r["id"],
                name=r["name"],
                subject=r["subject"],
                data=bytes(r["data"]),
                occurred_at=r["sent_at"],
                extra_headers=json.loads(r["metadata"]),
            )
            for r in rows
        ]

    async def mark_published(self, conn: Connection, ids: Sequence[str]) -> None:
        await conn.execute(
            f"UPDATE {self.schema}.outbox SET published_at = now() WHERE id = ANY($1::text[])",
            list(ids),
        )

    async def pending_count(self, conn: Connection) -> int:
        count: int = await conn.fetchval(
            f"SELECT count(*) FROM {self.schema}.outbox WHERE published_at IS NULL"
        )
        return count
