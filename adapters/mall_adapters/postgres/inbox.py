"""`<schema>.inbox`: the ids of every message a module has handled (idempotent consumers)."""

from __future__ import annotations

from mall_adapters.messaging.envelope import Envelope
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.envelope_rows import COLUMNS, envelope_params


class PostgresInbox:
    def __init__(self, db: Database, schema: str) -> None:
        self._db = db
        self.schema = schema

    async def accept(self, envelope: Envelope) -> bool:
        """Record the message in the current transaction; False when it was handled before."""
        status = await self._db.connection().execute(
            f"INSERT INTO {self.schema}.inbox ({COLUMNS}, received_at)"
            " VALUES ($1, $2, $3, $4, $5::jsonb, $6, now()) ON CONFLICT (id) DO NOTHING",
            *envelope_params(envelope),
        )
        return bool(status == "INSERT 0 1")
