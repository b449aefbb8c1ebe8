"""`PostgresInbox`: `<schema>.inbox`, the ids of every message a module has handled."""

from __future__ import annotations

from mall_adapters.postgres.database import Database
from mall_adapters.postgres.envelope_rows import COLUMNS, envelope_params
from mall_adapters.reliability.envelope import Envelope
from mall_adapters.reliability.ports import Inbox
from mall_adapters.reliability.receipts import AlreadyRecordedError


class PostgresInbox(Inbox):
    def __init__(self, db: Database, module: str) -> None:
        self._db = db
        self.module = module

    async def seen(self, message_id: str) -> bool:
        found: bool = await self._db.fetchval(
            f"SELECT EXISTS (SELECT FROM {self.module}.inbox WHERE id = $1)", message_id
        )
        return found

    async def record(self, envelope: Envelope) -> None:
        # A concurrent delivery's uncommitted row makes this insert wait for its outcome.
        status = await self._db.connection().execute(
            f"INSERT INTO {self.module}.inbox ({COLUMNS}, received_at)"
            " VALUES ($1, $2, $3, $4, $5::jsonb, $6, now()) ON CONFLICT (id) DO NOTHING",
            *envelope_params(envelope),
        )
        if status != "INSERT 0 1":
            raise AlreadyRecordedError(f"{envelope.name} {envelope.id} was handled already")
