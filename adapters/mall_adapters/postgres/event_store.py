"""`PostgresEventStore`: an `AggregateRepository` over `<schema>.events` and `.snapshots`."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from mall.kernel.aggregate import EventSourced
from mall.kernel.errors import ConflictError
from mall.kernel.events import DomainEvent, Snapshot
from mall.kernel.repository import AggregateRepository
from mall_adapters.postgres.codec import NamedCodec
from mall_adapters.postgres.database import Database

A = TypeVar("A", bound="EventSourced[Any]")


def snapshot_due(before: int, after: int, every: int) -> bool:
    """True when a save from version `before` to `after` crossed a multiple of `every`."""
    return every > 0 and after // every > before // every


class PostgresEventStore(AggregateRepository[A], Generic[A]):
    """Appends events with versions `v+1..v+n` in one statement; the primary key
    (stream_id, stream_name, stream_version) turns a concurrent append into `ConflictError`.
    A snapshot is written whenever a save crosses a multiple of `snapshot_every` events.
    """

    def __init__(self, db: Database, schema: str, aggregate: type[A], snapshot_every: int) -> None:
        self._db = db
        self._schema = schema
        self._type = aggregate
        self._events: NamedCodec[DomainEvent] = NamedCodec(aggregate.EVENTS)
        self._snapshots: NamedCodec[Snapshot] = NamedCodec([aggregate.SNAPSHOT])
        self._every = snapshot_every
        snapshot = f"FROM {schema}.snapshots WHERE stream_id = $1 AND stream_name = $2"
        self._load_sql = (
            f"SELECT 0 AS part, stream_version, snapshot_name, snapshot_data {snapshot}"
            " UNION ALL SELECT 1, stream_version, event_name, event_data"
            f" FROM {schema}.events WHERE stream_id = $1 AND stream_name = $2"
            f" AND stream_version > coalesce((SELECT stream_version {snapshot}), 0)"
            " ORDER BY part, stream_version"
        )
        self._append_sql = (
            f"WITH added AS (INSERT INTO {schema}.events"
            " (stream_id, stream_name, stream_version, event_id, event_name, event_data)"
            " SELECT $1, $2, v, gen_random_uuid()::text, n, d::jsonb"
            " FROM unnest($3::int[], $4::text[], $5::text[]) AS e(v, n, d)"
            " ON CONFLICT (stream_id, stream_name, stream_version) DO NOTHING"
            " RETURNING stream_version)"
            " SELECT coalesce(array_agg(stream_version), '{}') FROM added"
        )

    async def load(self, aggregate_id: str) -> A | None:
        # One statement, one round trip: the snapshot (part 0) and the events after it
        # (part 1), read at one moment.
        aggregate = self._type(aggregate_id)
        rows = await self._db.fetch(self._load_sql, aggregate_id, self._type.NAME)
        for part, version, name, data in rows:
            if part == 0:
                aggregate.restore(self._snapshots.decode(name, data))
                aggregate.version = version
            else:
                aggregate.replay(self._events.decode(name, data), version)
        return aggregate if aggregate.version > 0 else None

    async def save(self, aggregate: A) -> None:
        pending = aggregate.pending_events
        if not pending:
            return
        conn = self._db.connection()
        before = aggregate.version
        # No savepoint (two round trips): versions already taken are skipped, and when any
        # was, the rows this statement did add are deleted again, so a conflict writes nothing
        # and leaves the caller's transaction usable.
        versions = list(range(before + 1, before + len(pending) + 1))
        added: list[int] = await conn.fetchval(
            self._append_sql,
            aggregate.id,
            aggregate.NAME,
            versions,
            [e.NAME for e in pending],
            [self._events.encode(e) for e in pending],
        )
        if len(added) != len(versions):
            if added:
                await conn.execute(
                    f"DELETE FROM {self._schema}.events WHERE stream_id = $1"
                    " AND stream_name = $2 AND stream_version = ANY($3::int[])",
                    aggregate.id,
                    aggregate.NAME,
                    added,
                )
            raise ConflictError.concurrent_change(aggregate.NAME)
        aggregate.mark_committed()
        if snapshot_due(before, aggregate.version, self._every):
            snapshot = aggregate.snapshot()
            await conn.execute(
                f"INSERT INTO {self._schema}.snapshots"
                " (stream_id, stream_name, stream_version, snapshot_name, snapshot_data)"
                " VALUES ($1, $2, $3, $4, $5::jsonb)"
                " ON CONFLICT (stream_id, stream_name) DO UPDATE SET"
                " stream_version = excluded.stream_version, snapshot_name = excluded.snapshot_name,"
                " snapshot_data = excluded.snapshot_data, updated_at = now()",
                aggregate.id,
                aggregate.NAME,
                aggregate.version,
                snapshot.NAME,
                self._snapshots.encode(snapshot),
            )
