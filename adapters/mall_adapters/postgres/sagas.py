"""`PostgresSagaStore`: saga states in `<schema>.sagas`, the whole state as JSON."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any, TypeVar

import msgspec

from mall.kernel.errors import ConflictError
from mall.kernel.saga.ports import SagaStore
from mall.kernel.saga.state import SagaState
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.versioned_rows import VersionedRows

D = TypeVar("D")

SAGA = "cosec.Saga"
_COLUMNS = (
    "name",
    "status",
    "step",
    "compensating",
    "deadline",
    "state",
    "started_at",
    "updated_at",
)


class PostgresSagaStore(SagaStore[D]):
    """`data_type` is the saga data's type (a dataclass or Struct msgspec can decode). The
    row's `version` is authoritative; the JSON copy of it is ignored on load."""

    def __init__(self, db: Database, schema: str, data_type: type[D]) -> None:
        self._db = db
        self._table = f"{schema}.sagas"
        self._rows = VersionedRows(self._table, _COLUMNS, casts={"state": "jsonb"})
        generic: Any = SagaState
        self._decoder: msgspec.json.Decoder[SagaState[D]] = msgspec.json.Decoder(generic[data_type])
        self._encoder = msgspec.json.Encoder()

    async def load(self, saga_id: str) -> SagaState[D] | None:
        row = await self._db.fetchrow(
            f"SELECT state, version FROM {self._table} WHERE id = $1", saga_id
        )
        if row is None:
            return None
        return replace(self._decoder.decode(row["state"]), version=row["version"])

    async def save(self, state: SagaState[D]) -> SagaState[D]:
        saved = replace(state, version=state.version + 1)
        deadline = None if state.pending is None else state.pending.deadline
        row = {
            "name": state.name,
            "status": state.status.value,
            "step": state.step,
            "compensating": state.compensating,
            "deadline": deadline,
            "state": self._encoder.encode(saved).decode(),
            "started_at": state.started_at,
            "updated_at": state.updated_at,
        }
        if not await self._rows.write(
            self._db.connection(), state.id, row, state.version, saved.version
        ):
            raise ConflictError.concurrent_change(SAGA)
        return saved

    async def due(self, now: datetime, limit: int) -> list[str]:
        rows = await self._db.fetch(
            # Literal conditions, so the partial index `sagas_due_idx` serves every plan.
            f"SELECT id FROM {self._table} WHERE status = 'running' AND deadline IS NOT NULL"
            " AND deadline <= $1 ORDER BY deadline, id LIMIT $2",
            now,
            limit,
        )
        return [row["id"] for row in rows]
