"""`InMemoryEventStore`: an `AggregateRepository` keeping event lists in a dict."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from mall.kernel.aggregate import EventSourced
from mall.kernel.errors import ConflictError
from mall.kernel.events import DomainEvent
from mall.kernel.repository import AggregateRepository

A = TypeVar("A", bound="EventSourced[Any]")


class InMemoryEventStore(AggregateRepository[A], Generic[A]):
    def __init__(self, aggregate: type[A]) -> None:
        self._type = aggregate
        self.streams: dict[str, list[DomainEvent]] = {}

    async def load(self, aggregate_id: str) -> A | None:
        events = self.streams.get(aggregate_id)
        if not events:
            return None
        aggregate = self._type(aggregate_id)
        for version, event in enumerate(events, start=1):
            aggregate.replay(event, version)
        return aggregate

    async def save(self, aggregate: A) -> None:
        pending = aggregate.pending_events
        if not pending:
            return
        stream = self.streams.setdefault(aggregate.id, [])
        if len(stream) != aggregate.version:
            raise ConflictError.concurrent_change(aggregate.NAME)
        stream.extend(pending)
        aggregate.mark_committed()
