"""State stored one row per id, with optimistic concurrency on an int `version` column.

`VersionedRows` describes the table and builds its two statements once: the first write of
an id inserts (`ON CONFLICT ... DO NOTHING`), every later one updates `WHERE id = $1 AND
version = $old`. Either writes no row when another writer got there first, and the caller
turns that into its conflict. `save_aggregate` is the whole save of a state-stored
aggregate: nothing pending writes nothing, the new version counts the pending events, and
they are marked committed only once the row is written.

Table, column and cast names are code constants; they are checked to be plain identifiers
all the same, since they are spliced into SQL (values always go as parameters).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from mall.kernel.aggregate import Aggregate
from mall.kernel.errors import ConflictError
from mall_adapters.postgres.database import Connection, Database

A = TypeVar("A", bound=Aggregate)

_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")


@dataclass(frozen=True)
class VersionedRows:
    """A table `name` (`schema.table`) keyed by text `id`, with the state's `columns` (not
    `id` or `version`) and an int `version`.

    `casts` name the SQL type a parameter is cast to on its way in (`stops: jsonb` for a
    JSON text). `conflict_on` is the insert's conflict target: the primary key by default;
    empty when a clash on any unique index (a partial one, say) is a conflict too.
    """

    name: str
    columns: tuple[str, ...]
    casts: Mapping[str, str] = field(default_factory=dict)
    conflict_on: tuple[str, ...] = ("id",)
    insert: str = field(init=False, repr=False)
    update: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        names = [*self.name.split("."), *self.columns, *self.casts.values(), *self.conflict_on]
        if unsafe := [n for n in names if not _IDENTIFIER.fullmatch(n)]:
            raise ValueError(f"not plain SQL identifiers: {unsafe}")
        if self.name.count(".") != 1 or {"id", "version"} & set(self.columns):
            raise ValueError(f"{self.name}: a schema.table name, and columns besides id, version")
        if stray := set(self.casts) - set(self.columns):
            raise ValueError(f"{self.name} has no column {sorted(stray)}")
        params = [
            f"${n}::{self.casts[c]}" if c in self.casts else f"${n}"
            for n, c in enumerate(self.columns, start=2)
        ]
        new, old = len(self.columns) + 2, len(self.columns) + 3
        target = f" ({', '.join(self.conflict_on)})" if self.conflict_on else ""
        insert = (
            f"INSERT INTO {self.name} (id, {', '.join(self.columns)}, version)"
            f" VALUES ($1, {', '.join(params)}, ${new}) ON CONFLICT{target} DO NOTHING"
        )
        sets = [f"{c} = {p}" for c, p in zip(self.columns, params, strict=True)]
        update = (
            f"UPDATE {self.name} SET {', '.join(sets)}, version = ${new}"
            f" WHERE id = $1 AND version = ${old}"
        )
        object.__setattr__(self, "insert", insert)
        object.__setattr__(self, "update", update)

    async def write(
        self, conn: Connection, row_id: str, state: Mapping[str, object], old: int, new: int
    ) -> bool:
        """Write `state` (a value for each column) as version `new` of `row_id`, inserting
        when `old` is 0; False when no row was written (the id is taken, or not at `old`)."""
        if set(state) != set(self.columns):
            raise ValueError(f"{self.name} takes {sorted(self.columns)}, not {sorted(state)}")
        values = [state[c] for c in self.columns]
        if old == 0:
            status = await conn.execute(self.insert, row_id, *values, new)
        else:
            status = await conn.execute(self.update, row_id, *values, new, old)
        return not status.endswith(" 0")


async def save_aggregate(
    db: Database,
    table: VersionedRows,
    aggregate: A,
    state: Callable[[A], Mapping[str, object]],
    conflict: Callable[[], ConflictError] | None = None,
) -> None:
    """Save a state-stored aggregate's row (`state` gives its column values) inside the
    caller's unit of work, then mark its pending events committed. Another writer first
    raises `conflict()` (by default the kernel's concurrent change of the aggregate)."""
    pending = aggregate.pending_events
    if not pending:
        return
    old = aggregate.version
    if not await table.write(
        db.connection(), aggregate.id, state(aggregate), old, old + len(pending)
    ):
        raise ConflictError.concurrent_change(aggregate.NAME) if conflict is None else conflict()
    aggregate.mark_committed()
