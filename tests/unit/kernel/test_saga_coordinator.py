"""SagaCoordinator on the in-memory store and unit of work: every change loads, decides,
saves and sends inside one unit of work; what changes nothing writes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pytest

from mall.kernel.saga.coordinator import SagaCoordinator
from mall.kernel.saga.state import Outcome, Outgoing, Reply, SagaState, SagaStatus
from mall_adapters.memory.sagas import InMemorySagaStore
from mall_adapters.memory.system import FixedClock, SequentialIds
from mall_adapters.memory.unit_of_work import InMemoryUnitOfWork
from tests.support.order_saga import ORDER_SAGA, T0, TIMEOUT, Order


@dataclass
class RecordedCommands:
    uow: InMemoryUnitOfWork
    sent: list[Outgoing] = field(default_factory=list)

    async def send(self, outgoing: Outgoing) -> None:
        assert self.uow.in_transaction(), "commands are written in the saga's unit of work"
        self.sent.append(outgoing)

    @property
    def names(self) -> list[str]:
        return [o.command.name for o in self.sent]


class RacingStore(InMemorySagaStore[Order]):
    """Once armed, another process saves the very same change just before this one does."""

    def __init__(self) -> None:
        super().__init__()
        self.armed = False

    async def save(self, state: SagaState[Order]) -> SagaState[Order]:
        if self.armed:
            self.armed = False
            await super().save(state)
        return await super().save(state)


class StaleDue(InMemorySagaStore[Order]):
    """`due` answers from a stale read: every saga, due or not."""

    async def due(self, now: datetime, limit: int) -> list[str]:
        return list(self.rows)[:limit]


@dataclass
class Harness:
    store: InMemorySagaStore[Order]
    commands: RecordedCommands
    clock: FixedClock
    coordinator: SagaCoordinator[Order]

    async def state(self, saga_id: str = "o1") -> SagaState[Order]:
        state = await self.coordinator.get(saga_id)
        assert state is not None
        return state

    async def reply(self, saga_id: str = "o1", outcome: Outcome = Outcome.SUCCESS) -> bool:
        state = await self.state(saga_id)
        assert state.pending is not None
        reply = Reply(state.pending.command_id, outcome, "Done", error="refused")
        return await self.coordinator.handle_reply(saga_id, reply)


def harness(store: InMemorySagaStore[Order] | None = None) -> Harness:
    uow = InMemoryUnitOfWork()
    store = store or InMemorySagaStore[Order]()
    commands = RecordedCommands(uow)
    clock = FixedClock(T0)
    coordinator = SagaCoordinator(
        ORDER_SAGA, store, commands, uow, clock, SequentialIds("cmd"), TIMEOUT
    )
    return Harness(store, commands, clock, coordinator)


@pytest.fixture
def h() -> Harness:
    return harness()


async def test_start_saves_the_saga_and_sends_its_first_command(h: Harness) -> None:
    await h.coordinator.start("o1", Order("o1"))
    state = await h.state()
    assert (state.status, state.version, state.step) == (SagaStatus.RUNNING, 1, 1)
    assert [(o.saga_id, o.command_id, o.command.name) for o in h.commands.sent] == [
        ("o1", "cmd-1", "AuthorizeCustomer")
    ]


async def test_starting_an_existing_saga_does_nothing(h: Harness) -> None:
    await h.coordinator.start("o1", Order("o1"))
    await h.coordinator.start("o1", Order("o1", note="again"))
    assert (await h.state()).data == Order("o1")
    assert (await h.state()).version == 1
    assert len(h.commands.sent) == 1


async def test_unknown_sagas_are_none_and_ignore_replies(h: Harness) -> None:
    assert await h.coordinator.get("nope") is None
    assert not await h.coordinator.handle_reply("nope", Reply("cmd-1", Outcome.SUCCESS, "Done"))
    assert h.commands.sent == []


async def test_replies_drive_the_saga_to_completion(h: Harness) -> None:
    await h.coordinator.start("o1", Order("o1"))
    for _ in range(3):
        assert await h.reply()
    state = await h.state()
    assert (state.status, state.version) == (SagaStatus.COMPLETED, 4)
    assert h.commands.names == ["AuthorizeCustomer", "CreateList", "ConfirmPayment"]


async def test_a_failure_sends_the_compensations(h: Harness) -> None:
    await h.coordinator.start("o1", Order("o1"))
    await h.reply()
    await h.reply()
    await h.reply(outcome=Outcome.FAILURE)
    await h.reply()
    await h.reply()
    assert h.commands.names[3:] == ["CancelList", "RejectOrder"]
    assert (await h.state()).status is SagaStatus.COMPENSATED


async def test_a_duplicate_reply_is_ignored_and_saves_nothing(h: Harness) -> None:
    await h.coordinator.start("o1", Order("o1"))
    reply = Reply("cmd-1", Outcome.SUCCESS, "Done")
    assert await h.coordinator.handle_reply("o1", reply)
    assert not await h.coordinator.handle_reply("o1", reply)
    assert (await h.state()).version == 2
    assert len(h.commands.sent) == 2


async def test_a_reply_another_process_applied_first_is_retried_and_then_ignored() -> None:
    store = RacingStore()
    h = harness(store)
    await h.coordinator.start("o1", Order("o1"))
    store.armed = True
    assert not await h.reply()
    assert (await h.state()).version == 2
    assert h.commands.names == ["AuthorizeCustomer"]  # the losing attempt sent nothing


async def test_expire_due_times_out_only_sagas_past_their_deadline(h: Harness) -> None:
    await h.coordinator.start("o1", Order("o1"))
    await h.coordinator.start("o2", Order("o2"))
    h.clock.advance(10)
    await h.reply("o2")  # o2 waits on its next step until T0 + 40s
    h.clock.advance(TIMEOUT.total_seconds() - 10)
    assert await h.coordinator.expire_due() == 1
    o1, o2 = await h.state("o1"), await h.state("o2")
    assert o1.compensating and o1.history[0].outcome == "timeout"
    assert h.commands.names[-1] == "RejectOrder"
    assert not o2.compensating and o2.status is SagaStatus.RUNNING
    assert await h.coordinator.expire_due() == 0


async def test_expire_due_takes_at_most_limit_sagas(h: Harness) -> None:
    for saga_id in ("o1", "o2", "o3"):
        await h.coordinator.start(saga_id, Order(saga_id))
    h.clock.advance(TIMEOUT.total_seconds())
    assert await h.coordinator.expire_due(limit=2) == 2
    assert await h.coordinator.expire_due(limit=2) == 1


async def test_expire_due_checks_the_deadline_again_on_fresh_state() -> None:
    h = harness(StaleDue())
    await h.coordinator.start("o1", Order("o1"))
    assert await h.coordinator.expire_due() == 0
    assert (await h.state()).version == 1
    assert len(h.commands.sent) == 1
