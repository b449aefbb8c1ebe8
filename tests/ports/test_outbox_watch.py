"""OutboxWatch: an add to a module's outbox wakes that module's waiter, in memory and on
PostgreSQL (NOTIFY); on PostgreSQL one process leads a module at a time, and another takes
over when the leader goes.

Waits use a long `seconds` and a much shorter deadline to return: a waiter that returns
within the deadline was woken by the add, not by its own timeout."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from mall.kernel.unit_of_work import UnitOfWork
from mall_adapters.memory.reliability import InMemoryOutbox, InMemoryOutboxWatch
from mall_adapters.memory.unit_of_work import InMemoryUnitOfWork
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.outbox import PostgresOutbox
from mall_adapters.postgres.outbox_watch import PostgresOutboxWatch
from mall_adapters.postgres.unit_of_work import PostgresUnitOfWork
from mall_adapters.reliability.ports import Outbox, OutboxWatch
from tests.ports.reliability import envelope
from tests.support.polling import eventually

LONG_WAIT = 60.0
WOKEN_WITHIN = 10.0


@dataclass
class Watched:
    watch: OutboxWatch
    outboxes: dict[str, Outbox]
    uow: UnitOfWork


@pytest.fixture
async def watched(backend: Database | None) -> AsyncIterator[Watched]:
    if backend is None:
        memory = InMemoryOutboxWatch()
        outboxes: dict[str, Outbox] = {m: InMemoryOutbox(m, memory) for m in ("stores", "baskets")}
        yield Watched(memory, outboxes, InMemoryUnitOfWork())
        return
    watch = PostgresOutboxWatch(backend, ["stores", "baskets"], poll_seconds=0.05)
    task = asyncio.create_task(watch.run())
    try:
        await eventually(lambda: asyncio.sleep(0, watch.leads("stores")), bool)
        outboxes = {m: PostgresOutbox(backend, m) for m in ("stores", "baskets")}
        yield Watched(watch, outboxes, PostgresUnitOfWork(backend))
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def test_an_add_wakes_the_waiter_of_its_module(watched: Watched) -> None:
    assert watched.watch.leads("stores")
    await watched.watch.wait("stores", 0)  # forget wake-ups from before
    waiting = asyncio.create_task(watched.watch.wait("stores", LONG_WAIT))
    await asyncio.sleep(0)
    await watched.uow.run(lambda: watched.outboxes["stores"].add(envelope()))
    await asyncio.wait_for(waiting, WOKEN_WITHIN)


async def test_an_add_to_another_module_does_not_wake_it(watched: Watched) -> None:
    await watched.watch.wait("stores", 0)
    waiting = asyncio.create_task(watched.watch.wait("stores", LONG_WAIT))
    await watched.uow.run(lambda: watched.outboxes["baskets"].add(envelope()))
    await watched.watch.wait("baskets", LONG_WAIT)  # the add reached the baskets waiter ...
    assert not waiting.done()  # ... and not the stores one
    waiting.cancel()
    await asyncio.gather(waiting, return_exceptions=True)


async def test_one_process_leads_a_module_and_another_takes_over(db: Database) -> None:
    first = PostgresOutboxWatch(db, ["stores"], poll_seconds=0.05)
    second = PostgresOutboxWatch(db, ["stores"], poll_seconds=0.05)
    leading = asyncio.create_task(first.run())
    await eventually(lambda: asyncio.sleep(0, first.leads("stores")), bool)
    following = asyncio.create_task(second.run())
    try:
        await asyncio.sleep(0.3)  # several rounds in which the second tries to lead
        assert not second.leads("stores")
        leading.cancel()  # the leader's process goes: its connection and lock with it
        await asyncio.gather(leading, return_exceptions=True)
        assert not first.leads("stores")
        await eventually(lambda: asyncio.sleep(0, second.leads("stores")), bool)
    finally:
        following.cancel()
        await asyncio.gather(following, return_exceptions=True)
