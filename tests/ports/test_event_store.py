"""AggregateRepository for event-sourced aggregates: memory and PostgreSQL behave alike."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from mall.kernel.errors import ConflictError
from mall.kernel.repository import AggregateRepository
from mall_adapters.memory.event_store import InMemoryEventStore
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.event_store import PostgresEventStore, snapshot_due
from tests.ports.conftest import scoped
from tests.support.tally import Renamed, Tally

Store = AggregateRepository[Tally]


@pytest.fixture
async def store(backend: Database | None) -> AsyncIterator[Store]:
    async for port in scoped(
        backend,
        lambda: InMemoryEventStore(Tally),
        lambda db: PostgresEventStore(db, "stores", Tally, snapshot_every=3),
    ):
        yield port


async def test_unknown_ids_load_as_none(store: Store) -> None:
    assert await store.load("nope") is None


async def test_multi_event_saves_round_trip(store: Store) -> None:
    tally = Tally("t1")
    tally.add(1, 2, 3)
    tally.record(Renamed("first"))
    await store.save(tally)
    assert tally.version == 4
    assert tally.pending_events == ()
    loaded = await store.load("t1")
    assert loaded is not None
    assert (loaded.version, loaded.total, loaded.label, loaded.history) == (
        4,
        6,
        "first",
        (1, 2, 3),
    )


async def test_saving_nothing_changes_nothing(store: Store) -> None:
    tally = Tally("t1")
    tally.add(5)
    await store.save(tally)
    await store.save(tally)
    loaded = await store.load("t1")
    assert loaded is not None
    assert loaded.version == 1


async def test_a_stale_writer_gets_a_conflict_and_writes_nothing(store: Store) -> None:
    first = Tally("t1")
    first.add(1)
    await store.save(first)
    a, b = await store.load("t1"), await store.load("t1")
    assert a is not None
    assert b is not None
    a.add(10)
    await store.save(a)
    b.add(100, 1000)
    with pytest.raises(ConflictError, match="the tally was changed by another request"):
        await store.save(b)
    loaded = await store.load("t1")
    assert loaded is not None
    assert (loaded.version, loaded.total) == (2, 11)


async def test_snapshots_plus_later_events_load_like_events_alone(db: Database) -> None:
    snapshotting = PostgresEventStore(db, "stores", Tally, snapshot_every=3)
    plain = PostgresEventStore(db, "stores", Tally, snapshot_every=0)
    async with db.transaction() as conn:
        tally = Tally("t1")
        for amount in range(1, 9):  # eight saves: snapshots at versions 3 and 6
            tally.add(amount)
            await snapshotting.save(tally)
        tally.record(Renamed("late"))
        tally.add(100, 200)
        await snapshotting.save(tally)  # 8 -> 11 crosses 9: snapshot at 11
        row = await conn.fetchrow("SELECT stream_version, snapshot_name FROM stores.snapshots")
        assert row is not None
        assert (row["stream_version"], row["snapshot_name"]) == (11, "tests.TallyV1")
        tally.add(7)
        await snapshotting.save(tally)
        from_snapshot, from_events = await snapshotting.load("t1"), await plain.load("t1")
        await conn.execute("DELETE FROM stores.snapshots")
        assert await snapshotting.load("t1") is not None
    assert from_snapshot is not None
    assert from_events is not None
    assert vars(from_snapshot) == vars(from_events)
    assert from_snapshot.version == 12


def test_snapshot_schedule() -> None:
    assert [v for v in range(1, 11) if snapshot_due(v - 1, v, 3)] == [3, 6, 9]
    assert snapshot_due(2, 5, 3)  # one multi-event save crossing 3
    assert not snapshot_due(3, 5, 3)
    assert not snapshot_due(0, 100, 0)  # 0 disables snapshots


async def test_concurrent_units_of_work_one_wins(db: Database) -> None:
    """Two transactions load the same version and both append: one commits, one conflicts."""
    repo = PostgresEventStore(db, "stores", Tally, snapshot_every=0)
    async with db.transaction():
        seed = Tally("t1")
        seed.add(1)
        await repo.save(seed)
    both_loaded = asyncio.Barrier(2)

    async def writer(amount: int) -> str:
        try:
            async with db.transaction():
                tally = await repo.load("t1")
                assert tally is not None
                await both_loaded.wait()
                tally.add(amount)
                await repo.save(tally)
        except ConflictError:
            return "conflict"
        return "saved"

    outcomes = sorted(await asyncio.gather(writer(10), writer(100)))
    assert outcomes == ["conflict", "saved"]
    async with db.transaction():
        final = await repo.load("t1")
    assert final is not None
    assert final.version == 2
    assert final.total in (11, 101)


async def test_a_conflict_writes_nothing_and_leaves_the_transaction_usable(db: Database) -> None:
    repo = PostgresEventStore(db, "stores", Tally, snapshot_every=0)
    async with db.transaction():
        seed = Tally("t1")
        seed.add(1)
        await repo.save(seed)
    stale, fresh = await repo.load("t1"), await repo.load("t1")
    assert stale is not None
    assert fresh is not None
    fresh.add(10)
    async with db.transaction():
        await repo.save(fresh)
    stale.add(100, 1000)  # versions 2 (taken) and 3 (free): neither may stay
    other = Tally("t2")
    other.add(5)
    async with db.transaction():
        with pytest.raises(ConflictError):
            await repo.save(stale)
        await repo.save(other)
    t1, t2 = await repo.load("t1"), await repo.load("t2")
    assert t1 is not None
    assert (t1.version, t1.total) == (2, 11)
    assert t2 is not None
    assert (t2.version, t2.total) == (1, 5)
