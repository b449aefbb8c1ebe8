"""SagaStore: the same behaviour in memory and in PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta

import pytest

from mall.kernel.errors import ConflictError
from mall.kernel.saga import machine
from mall.kernel.saga.ports import SagaStore
from mall.kernel.saga.state import Outcome, Reply, SagaState, SagaStatus
from mall_adapters.memory.sagas import InMemorySagaStore
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.sagas import PostgresSagaStore
from tests.ports.conftest import scoped
from tests.support.order_saga import ORDER_SAGA, T0, TIMEOUT, Order, counter

CONFLICT = "^the saga was changed by another request at the same time; retry$"
SECOND = timedelta(seconds=1)


@pytest.fixture
async def sagas(backend: Database | None) -> AsyncIterator[SagaStore[Order]]:
    async for port in scoped(
        backend, InMemorySagaStore[Order], lambda db: PostgresSagaStore(db, "cosec", Order)
    ):
        yield port


def started(saga_id: str = "o1", at: int = 0) -> SagaState[Order]:
    """A saga that sent its first command `at` seconds after T0."""
    now = T0 + at * SECOND
    return machine.start(
        ORDER_SAGA, saga_id, Order(saga_id), now=now, new_id=counter(), timeout=TIMEOUT
    ).state


def replied(state: SagaState[Order], outcome: Outcome = Outcome.SUCCESS) -> SagaState[Order]:
    assert state.pending is not None
    reply = Reply(state.pending.command_id, outcome, "ListCreated", {"list_id": "l1"}, "why")
    now = state.updated_at + SECOND
    transition = machine.on_reply(
        ORDER_SAGA, state, reply, now=now, new_id=counter(), timeout=TIMEOUT
    )
    return transition.state


async def loaded(sagas: SagaStore[Order], saga_id: str = "o1") -> SagaState[Order]:
    state = await sagas.load(saga_id)
    assert state is not None
    return state


async def test_unknown_ids_load_as_none(sagas: SagaStore[Order]) -> None:
    assert await sagas.load("nope") is None


async def test_save_then_load_round_trips_the_whole_state(sagas: SagaStore[Order]) -> None:
    state = replied(replied(started()), Outcome.FAILURE)  # data updated, compensating
    assert state.compensating and state.data == Order("o1", list_id="l1")
    saved = await sagas.save(state)
    assert saved == replace(state, version=1)
    assert await loaded(sagas) == saved


async def test_a_finished_saga_round_trips(sagas: SagaStore[Order]) -> None:
    state = replied(replied(replied(started())))
    assert (state.status, state.pending) == (SagaStatus.COMPLETED, None)
    saved = await sagas.save(state)
    assert await loaded(sagas) == saved


async def test_updates_advance_the_version(sagas: SagaStore[Order]) -> None:
    first = await sagas.save(started())
    second = await sagas.save(replied(first))
    assert second.version == 2
    assert await loaded(sagas) == second


async def test_a_stale_writer_conflicts_and_the_first_write_stays(
    sagas: SagaStore[Order],
) -> None:
    stored = await sagas.save(started())
    winner = await sagas.save(replied(stored))
    with pytest.raises(ConflictError, match=CONFLICT):
        await sagas.save(replied(stored, Outcome.FAILURE))
    assert await loaded(sagas) == winner


async def test_inserting_an_existing_id_conflicts(sagas: SagaStore[Order]) -> None:
    first = await sagas.save(started())
    with pytest.raises(ConflictError, match=CONFLICT):
        await sagas.save(started(at=5))
    assert await loaded(sagas) == first


async def test_due_lists_running_sagas_past_their_deadline_oldest_first(
    sagas: SagaStore[Order],
) -> None:
    await sagas.save(started("late", at=3))
    await sagas.save(started("early", at=1))
    await sagas.save(started("middle", at=2))
    await sagas.save(started("future", at=100))
    now = T0 + TIMEOUT + 3 * SECOND  # "late" is due exactly now
    assert await sagas.due(now, 10) == ["early", "middle", "late"]
    assert await sagas.due(now, 2) == ["early", "middle"]
    assert await sagas.due(T0, 10) == []


async def test_due_leaves_out_finished_sagas(sagas: SagaStore[Order]) -> None:
    completed = replied(replied(replied(started("done"))))
    await sagas.save(completed)
    compensating = replied(replied(started("undone")), Outcome.FAILURE)
    await sagas.save(replied(compensating))
    await sagas.save(replied(replace(compensating, id="failed"), Outcome.FAILURE))
    assert [(await loaded(sagas, s)).status for s in ("undone", "failed")] == [
        SagaStatus.COMPENSATED,
        SagaStatus.FAILED,
    ]
    await sagas.save(started("running"))
    assert await sagas.due(T0 + 10 * TIMEOUT, 10) == ["running"]


async def test_due_follows_the_latest_deadline(sagas: SagaStore[Order]) -> None:
    stored = await sagas.save(started())
    await sagas.save(replied(stored))  # next command sent at T0 + 1s
    assert await sagas.due(T0 + TIMEOUT, 10) == []
    assert await sagas.due(T0 + TIMEOUT + SECOND, 10) == ["o1"]


async def test_reads_work_outside_a_unit_of_work(backend: Database | None) -> None:
    state = started()
    if backend is None:
        sagas: SagaStore[Order] = InMemorySagaStore[Order]()
        saved = await sagas.save(state)
    else:
        sagas = PostgresSagaStore(backend, "cosec", Order)
        async with backend.transaction():
            saved = await sagas.save(state)
    assert await sagas.load("o1") == saved
    assert await sagas.due(T0 + TIMEOUT, 10) == ["o1"]
