"""`<schema>.inbox`: the ids of every message a module has handled (idempotent consumers)."""

from __future__ import annotations

import json

from mall_adapters.messaging.envelope import Envelope
from mall_adapters.postgres.database import Database


class PostgresInbox:
    def __init__(self, db: Database, schema: str) -> None:
        self._db = db
        self.schema = schema

    async def accept(self, envelope: Envelope) -> bool:
        """Record the message in the current transaction; False when it was handled before."""
        status = await self._db.connection().execute(
            f"INSERT INTO {self.schema}.inbox"
            " (id, name, subject, data, metadata, sent_at, received_at)"
            " VALUES ($1, $2, $3, $4, $5::jsonb, $6, now()) ON CONFLICT (id) DO NOTHING",
            envelope.id,
            envelope.name,
            envelope.subject,
            envelope.data,
            json.dumps(dict(envelope.extra_headers)),
            envelope.occurred_at,
        )
        return bool(status == "INSERT 0 1")
