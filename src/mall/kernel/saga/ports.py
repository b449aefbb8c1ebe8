"""The driven ports of the saga coordinator."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, TypeVar

from mall.kernel.saga.state import Outgoing, SagaState

D = TypeVar("D")


class SagaStore(Protocol[D]):
    """Saga states with optimistic concurrency on `version`.

    `load` and `due` work anywhere (inside a unit of work or not) and read committed state;
    `save` writes inside the caller's unit of work.
    """

    async def load(self, saga_id: str) -> SagaState[D] | None:
        """The saga, or None when nothing was saved under `saga_id`."""
        ...

    async def save(self, state: SagaState[D]) -> SagaState[D]:
        """Insert the saga when `state.version` is 0, else update it if the stored version
        is still `state.version`; returns the state with the version it now has (+1).
        Raises `ConflictError` and writes nothing when another writer saved it first (or,
        for an insert, when the id exists already)."""
        ...

    async def due(self, now: datetime, limit: int) -> list[str]:
        """Ids of at most `limit` running sagas whose pending command's deadline is at or
        before `now`, the oldest deadline first."""
        ...


class SagaCommands(Protocol):
    """Sends the commands a saga issues."""

    async def send(self, outgoing: Outgoing) -> None:
        """Write the command to the outbox in the caller's unit of work: it is sent if, and
        only if, the saga's new state commits."""
        ...
