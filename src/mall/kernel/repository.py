"""The aggregate repository port and the decorator that dispatches saved events."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, Protocol, TypeVar

from mall.kernel.aggregate import Aggregate
from mall.kernel.errors import NotFoundError
from mall.kernel.events import DomainEvent

A = TypeVar("A", bound=Aggregate)

EventHandler = Callable[[DomainEvent, A, int], Awaitable[None]]
"""Reacts to one saved event: the event, the aggregate in its state after the save, and the
aggregate's version right after this event (`before + 1` for the first event of a save)."""


class AggregateRepository(Protocol[A]):
    """Loads and saves one kind of aggregate.

    `load` works anywhere (inside a unit of work or not) and returns committed state.
    `save` writes all pending events (or the new state) inside the caller's unit of work and
    then marks them committed; when another writer saved the same aggregate first it raises
    `ConflictError` and writes nothing. Saving with no pending events does nothing.
    """

    async def load(self, aggregate_id: str) -> A | None:
        """The aggregate, or None when nothing was ever saved under `aggregate_id`."""
        ...

    async def save(self, aggregate: A) -> None: ...


class DispatchingRepository(Generic[A]):
    """Saves through `inner`, then hands every committed event to the handlers, in order.

    Handlers run inside the same unit of work: read-model projections and the translation
    to integration messages (which go to the outbox) commit or roll back with the events.
    """

    def __init__(self, inner: AggregateRepository[A], handlers: Sequence[EventHandler[A]]) -> None:
        self._inner = inner
        self._handlers = tuple(handlers)

    async def load(self, aggregate_id: str) -> A | None:
        return await self._inner.load(aggregate_id)

    async def save(self, aggregate: A) -> None:
        pending, before = aggregate.pending_events, aggregate.version
        await self._inner.save(aggregate)
        for version, event in enumerate(pending, start=before + 1):
            for handler in self._handlers:
                await handler(event, aggregate, version)


async def load_existing(repository: AggregateRepository[A], aggregate_id: str, missing: str) -> A:
    """Load an aggregate that must exist, or raise `NotFoundError(missing)`."""
    aggregate = await repository.load(aggregate_id)
    if aggregate is None:
        raise NotFoundError(missing)
    return aggregate
