"""`SagaCoordinator`: runs the state machine of one saga definition over its ports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Generic, TypeVar

from mall.kernel.ports import Clock, IdGenerator
from mall.kernel.saga import machine
from mall.kernel.saga.definition import SagaDefinition
from mall.kernel.saga.ports import SagaCommands, SagaStore
from mall.kernel.saga.state import Reply, SagaState, Transition
from mall.kernel.unit_of_work import UnitOfWork

D = TypeVar("D")


class SagaCoordinator(Generic[D]):
    """Every change of a saga is one unit of work keyed by its id: load, decide, save the
    new state and write the commands it sends, so they commit together."""

    def __init__(
        self,
        definition: SagaDefinition[D],
        store: SagaStore[D],
        commands: SagaCommands,
        uow: UnitOfWork,
        clock: Clock,
        ids: IdGenerator,
        timeout: timedelta,
    ) -> None:
        self._definition = definition
        self._store = store
        self._commands = commands
        self._uow = uow
        self._clock = clock
        self._ids = ids
        self._timeout = timeout

    async def start(self, saga_id: str, data: D) -> None:
        """Start a saga; nothing happens when one with this id exists already."""

        async def work() -> None:
            if await self._store.load(saga_id) is not None:
                return
            await self._commit(
                machine.start(
                    self._definition,
                    saga_id,
                    data,
                    now=self._clock.now(),
                    new_id=self._ids.new_id,
                    timeout=self._timeout,
                )
            )

        await self._uow.run(work, key=saga_id)

    async def handle_reply(self, saga_id: str, reply: Reply) -> bool:
        """Apply a reply; False when the saga is unknown or the reply changed nothing."""

        def decide(state: SagaState[D]) -> Transition[D]:
            return machine.on_reply(
                self._definition,
                state,
                reply,
                now=self._clock.now(),
                new_id=self._ids.new_id,
                timeout=self._timeout,
            )

        return await self._change(saga_id, decide)

    async def expire_due(self, limit: int = 100) -> int:
        """Time out the sagas whose deadline passed; returns how many timed out."""
        expired = 0

        def decide(state: SagaState[D]) -> Transition[D]:
            return machine.on_timeout(
                self._definition,
                state,
                now=self._clock.now(),
                new_id=self._ids.new_id,
                timeout=self._timeout,
            )

        for saga_id in await self._store.due(self._clock.now(), limit):
            if await self._change(saga_id, decide):
                expired += 1
        return expired

    async def get(self, saga_id: str) -> SagaState[D] | None:
        return await self._store.load(saga_id)

    async def _change(self, saga_id: str, decide: Callable[[SagaState[D]], Transition[D]]) -> bool:
        async def work() -> bool:
            state = await self._store.load(saga_id)
            if state is None:
                return False
            transition = decide(state)
            if not transition.changed:
                return False
            await self._commit(transition)
            return True

        return await self._uow.run(work, key=saga_id)

    async def _commit(self, transition: Transition[D]) -> None:
        await self._store.save(transition.state)
        for outgoing in transition.send:
            await self._commands.send(outgoing)
