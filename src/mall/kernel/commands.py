"""The two shapes most command handlers take, each one unit of work."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Generic, TypeVar

from mall.kernel.aggregate import Aggregate
from mall.kernel.repository import AggregateRepository, load_existing
from mall.kernel.unit_of_work import UnitOfWork

A = TypeVar("A", bound=Aggregate)
R = TypeVar("R")


async def create(
    uow: UnitOfWork, repository: AggregateRepository[A], aggregate: A, response: R
) -> R:
    """Save a new aggregate (already decided, outside the transaction) and return `response`,
    the value an idempotent retry of the request replays."""

    async def save() -> R:
        await repository.save(aggregate)
        return response

    return await uow.run(save, key=aggregate.id)


async def change(
    uow: UnitOfWork,
    repository: AggregateRepository[A],
    aggregate_id: str,
    missing: str,
    decide: Callable[[A], object],
) -> None:
    """Load the aggregate (`NotFoundError(missing)` when there is none), let `decide` apply
    the command to it, and save: one unit of work keyed by the id, so writers of the same
    aggregate queue, and a conflict with another process runs it again on fresh state."""

    async def load_decide_save() -> None:
        aggregate = await load_existing(repository, aggregate_id, missing)
        decide(aggregate)
        await repository.save(aggregate)

    await uow.run(load_decide_save, key=aggregate_id)


class AggregateCommand(Generic[A]):
    """Base of a handler that changes one existing aggregate through `change` above;
    `MISSING` is the message of the `NotFoundError` for an unknown id."""

    MISSING: ClassVar[str]

    def __init__(self, uow: UnitOfWork, repository: AggregateRepository[A]) -> None:
        self._uow = uow
        self._repository = repository

    async def change(self, aggregate_id: str, decide: Callable[[A], object]) -> None:
        await change(self._uow, self._repository, aggregate_id, self.MISSING, decide)
