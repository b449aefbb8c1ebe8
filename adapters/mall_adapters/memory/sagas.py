"""`InMemorySagaStore`: saga states in a dict, with the version check of the PostgreSQL one."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TypeVar

from mall.kernel.errors import ConflictError
from mall.kernel.saga.ports import SagaStore
from mall.kernel.saga.state import SagaState, SagaStatus

D = TypeVar("D")

SAGA = "cosec.Saga"


class InMemorySagaStore(SagaStore[D]):
    def __init__(self) -> None:
        self.rows: dict[str, SagaState[D]] = {}

    async def load(self, saga_id: str) -> SagaState[D] | None:
        return self.rows.get(saga_id)

    async def save(self, state: SagaState[D]) -> SagaState[D]:
        stored = self.rows.get(state.id)
        if (0 if stored is None else stored.version) != state.version:
            raise ConflictError.concurrent_change(SAGA)
        saved = replace(state, version=state.version + 1)
        self.rows[state.id] = saved
        return saved

    async def due(self, now: datetime, limit: int) -> list[str]:
        waiting = [
            (state.pending.deadline, state.id)
            for state in self.rows.values()
            if state.status is SagaStatus.RUNNING
            and state.pending is not None
            and state.pending.deadline <= now
        ]
        return [saga_id for _, saga_id in sorted(waiting)[:limit]]
