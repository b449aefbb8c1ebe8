"""Saga steps seen from outside the core (which imports no telemetry): each command a saga
sends is a span `saga <name> <command>` (the outbox write nests in it, so the trace goes on
to the participant), and saved states count the sagas started and finished."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from mall.kernel.saga.ports import SagaCommands, SagaStore
from mall.kernel.saga.state import Outgoing, SagaState, SagaStatus
from mall_adapters.observability import tracing
from mall_adapters.observability.metrics import SagaMetrics

D = TypeVar("D")


class TracedSagaCommands(SagaCommands):
    def __init__(self, commands: SagaCommands) -> None:
        self._commands = commands

    async def send(self, outgoing: Outgoing) -> None:
        if not tracing.enabled():
            await self._commands.send(outgoing)
            return
        attributes: dict[str, str | int] = {
            "saga.name": outgoing.saga_name,
            "saga.id": outgoing.saga_id,
            "saga.step": outgoing.step,
            "saga.direction": outgoing.direction.value,
            "saga.command_id": outgoing.command_id,
        }
        with tracing.internal_span(
            f"saga {outgoing.saga_name} {outgoing.command.name}", attributes
        ):
            await self._commands.send(outgoing)


class CountedSagaStore(Generic[D]):
    """A `SagaStore` counting in `SagaMetrics` what it saves."""

    def __init__(self, store: SagaStore[D], metrics: SagaMetrics) -> None:
        self._store = store
        self._metrics = metrics

    async def load(self, saga_id: str) -> SagaState[D] | None:
        return await self._store.load(saga_id)

    async def save(self, state: SagaState[D]) -> SagaState[D]:
        saved = await self._store.save(state)
        if state.version == 0:
            self._metrics.saved(state.name, "started")
        if state.status is not SagaStatus.RUNNING:
            self._metrics.saved(state.name, state.status.value)
        return saved

    async def due(self, now: datetime, limit: int) -> list[str]:
        return await self._store.due(now, limit)
