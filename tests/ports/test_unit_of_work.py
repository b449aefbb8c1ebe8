"""UnitOfWork: per-key queueing, conflict retry, receipts, joining and the network guard
behave alike in memory and on PostgreSQL; commit and rollback are PostgreSQL's."""

from __future__ import annotations

import asyncio

import pytest

from mall.kernel.errors import ConflictError
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.event_store import PostgresEventStore
from mall_adapters.postgres.unit_of_work import PostgresUnitOfWork
from mall_adapters.reliability import receipts
from mall_adapters.reliability.guard import NetworkInTransactionError, forbid_network_io
from mall_adapters.reliability.unit_of_work import ConflictRetry, RetryingUnitOfWork
from tests.ports.reliability import delivery
from tests.support.tally import Tally


@pytest.fixture
def uow(backend: Database | None) -> RetryingUnitOfWork:
    return delivery(backend).uow


async def test_calls_with_one_key_queue_and_other_keys_do_not(uow: RetryingUnitOfWork) -> None:
    trace: list[str] = []
    b_inside = asyncio.Event()

    async def step(name: str) -> None:
        trace.append(f"{name} in")
        if name == "b1":
            b_inside.set()
        if name == "a1":  # holds key "a" until b1 is in: b must not queue behind a
            async with asyncio.timeout(10):
                await b_inside.wait()
        await asyncio.sleep(0)
        trace.append(f"{name} out")

    await asyncio.gather(
        uow.run(lambda: step("a1"), key="a"),
        uow.run(lambda: step("a2"), key="a"),
        uow.run(lambda: step("b1"), key="b"),
    )
    assert trace.index("a1 out") < trace.index("a2 in")
    assert trace.index("b1 in") < trace.index("a1 out")  # b did not wait for a
    assert len(uow.locks) == 0  # nothing kept once nobody waits


async def test_a_conflict_is_retried_until_the_work_succeeds(uow: RetryingUnitOfWork) -> None:
    attempts: list[int] = []

    async def flaky() -> str:
        attempts.append(len(attempts) + 1)
        if len(attempts) < 3:
            raise ConflictError("the tally was changed by another request at the same time")
        return "done"

    assert await uow.run(flaky, key="t1") == "done"
    assert attempts == [1, 2, 3]


async def test_a_conflict_that_persists_reaches_the_caller(uow: RetryingUnitOfWork) -> None:
    calls = 0

    async def always() -> None:
        nonlocal calls
        calls += 1
        raise ConflictError("still changed")

    with pytest.raises(ConflictError, match="still changed"):
        await uow.run(always, key="t1")
    assert calls == uow.retry.attempts


async def test_other_errors_are_not_retried(uow: RetryingUnitOfWork) -> None:
    calls = 0

    async def broken() -> None:
        nonlocal calls
        calls += 1
        raise ValueError("bad")

    with pytest.raises(ValueError, match="bad"):
        await uow.run(broken, key="t1")
    assert calls == 1


async def test_receipts_are_recorded_with_the_result_once_committed(
    uow: RetryingUnitOfWork,
) -> None:
    recorded: list[object] = []

    async def receipt(result: object) -> None:
        recorded.append(result)

    async def fail() -> None:
        raise ValueError("no effect")

    with receipts.expecting(receipt) as expectation:
        with pytest.raises(ValueError, match="no effect"):
            await uow.run(fail)
        assert (recorded, expectation.recorded) == ([], False)
        assert await uow.run(lambda: asyncio.sleep(0, "result")) == "result"
        assert (recorded, expectation.recorded) == (["result"], True)
        await uow.run(lambda: asyncio.sleep(0, "later"))  # a receipt is recorded once
    assert recorded == ["result"]


async def test_a_nested_run_joins_the_open_one(uow: RetryingUnitOfWork) -> None:
    async def inner() -> str:
        return "inner"

    async def outer() -> str:
        return await uow.run(inner, key="t1")  # same key: no second lock, no deadlock

    assert await asyncio.wait_for(uow.run(outer, key="t1"), timeout=5) == "inner"


async def test_network_io_inside_a_unit_of_work_fails_loudly(uow: RetryingUnitOfWork) -> None:
    async def look_up() -> None:
        forbid_network_io("GetProduct")

    with pytest.raises(NetworkInTransactionError, match="GetProduct was requested while"):
        await uow.run(look_up)
    await look_up()  # outside: fine


async def test_postgres_commits_on_return_and_rolls_back_on_error(db: Database) -> None:
    uow = PostgresUnitOfWork(db)
    await db.execute("CREATE TABLE effects (n int)")

    async def write(n: int, fail: bool) -> None:
        await db.connection().execute("INSERT INTO effects VALUES ($1)", n)
        if fail:
            raise ValueError("after the write")

    await uow.run(lambda: write(1, False))
    with pytest.raises(ValueError, match="after the write"):
        await uow.run(lambda: write(2, True))
    assert [r["n"] for r in await db.fetch("SELECT n FROM effects")] == [1]


async def test_writers_in_two_processes_all_succeed_through_the_retry(db: Database) -> None:
    """Two units of work on one database stand for two processes: their keyed locks do not
    see each other, so their writers of one aggregate conflict, and the retry sorts it out."""
    store = PostgresEventStore(db, "stores", Tally, snapshot_every=0)
    processes = [PostgresUnitOfWork(db, ConflictRetry(attempts=20)) for _ in range(2)]
    seed = Tally("t1")
    seed.add(0)
    await processes[0].run(lambda: store.save(seed))
    tries = 0

    async def add_one(uow: PostgresUnitOfWork) -> None:
        async def work() -> None:
            nonlocal tries
            tries += 1
            tally = await store.load("t1")
            assert tally is not None
            await asyncio.sleep(0)  # let the other process load the same version
            tally.add(1)
            await store.save(tally)

        await uow.run(work, key="t1")

    await asyncio.gather(*(add_one(processes[i % 2]) for i in range(20)))
    final = await store.load("t1")
    assert final is not None
    assert (final.total, final.version) == (20, 21)
    assert tries > 20  # the processes did collide, and the losers ran again
