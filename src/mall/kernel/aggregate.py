"""Aggregate roots that record domain events.

`record` applies the event to the aggregate at once and keeps it as pending, so a command
that records several events decides each one on up-to-date state. Saving persists the
pending events and advances `version` (the number of committed events).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar, Generic, TypeVar

from mall.kernel.events import DomainEvent, Snapshot

S = TypeVar("S", bound=Snapshot)


class Aggregate(ABC):
    """Identity, version and pending events; subclasses define `apply`."""

    NAME: ClassVar[str]
    """The stream name, e.g. `baskets.Basket`."""

    def __init__(self, aggregate_id: str) -> None:
        self.id = aggregate_id
        self.version = 0
        self._pending: list[DomainEvent] = []

    @property
    def pending_events(self) -> tuple[DomainEvent, ...]:
        return tuple(self._pending)

    def record(self, event: DomainEvent) -> None:
        self.apply(event)
        self._pending.append(event)

    def mark_committed(self) -> tuple[DomainEvent, ...]:
        """Called by repositories after a successful save; returns the committed events."""
        events = tuple(self._pending)
        self.version += len(events)
        self._pending.clear()
        return events

    @abstractmethod
    def apply(self, event: DomainEvent) -> None:
        """Change state for one event (while recording it, or replaying the stream)."""


class EventSourced(Aggregate, Generic[S]):
    """An aggregate rebuilt from its events, optionally starting from a snapshot."""

    EVENTS: ClassVar[tuple[type[DomainEvent], ...]]
    """Every event type the aggregate records; the event store decodes by their NAME."""
    SNAPSHOT: ClassVar[type[Snapshot]]

    def replay(self, event: DomainEvent, version: int) -> None:
        """Apply a stored event without making it pending."""
        self.apply(event)
        self.version = version

    @abstractmethod
    def snapshot(self) -> S:
        """The whole state as a snapshot value."""

    @abstractmethod
    def restore(self, snapshot: S) -> None:
        """Replace the state with a snapshot's (the repository then sets `version`)."""
