"""`PostgresVersionedCache`: a `VersionedCache` in one table, described by a `CacheTable`.

Every write is one statement guarded by `version < $new` (no read first, so nothing slips in
between a check and the write): an event or fallback that is not newer than the entry
changes nothing, whatever order they arrive in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from mall.kernel.cache import Versioned
from mall_adapters.postgres.database import Database

E = TypeVar("E", bound=Versioned)


@dataclass(frozen=True)
class CacheTable(Generic[E]):
    """A cache table (`schema.table`, primary key `id`, an int `version`) and its entry type.

    `columns` are the entry's fields, named alike; `casts` turn a column into its field's
    type when read (`numeric` into `float8`). `hidden` columns are not in the entry: a change
    may set them, and `save` puts them back to their default.
    """

    name: str
    entry: Callable[..., E]
    columns: tuple[str, ...]
    casts: Mapping[str, str] = field(default_factory=dict)
    hidden: tuple[str, ...] = ()

    def select_list(self) -> str:
        return ", ".join(
            f"{c}::{self.casts[c]} AS {c}" if c in self.casts else c for c in self.columns
        )


class PostgresVersionedCache(Generic[E]):
    """A module's cache subclasses this with its `table`, adding the port's changes in the
    port's words on top of `update_if_older` and `delete_if_older`."""

    table: CacheTable[E]

    def __init__(self, db: Database) -> None:
        self._db = db
        t = self.table
        placeholders = ", ".join(f"${n}" for n in range(1, len(t.columns) + 1))
        assignments = [f"{c} = excluded.{c}" for c in t.columns if c != "id"]
        assignments += [f"{c} = DEFAULT" for c in t.hidden]
        self._find = f"SELECT {t.select_list()} FROM {t.name} WHERE id = $1"
        self._save = (
            f"INSERT INTO {t.name} AS c ({', '.join(t.columns)}) VALUES ({placeholders})"
            f" ON CONFLICT (id) DO UPDATE SET {', '.join(assignments)}"
            " WHERE c.version < excluded.version"
        )
        self._delete = f"DELETE FROM {t.name} WHERE id = $1 AND version < $2"

    async def find(self, entity_id: str) -> E | None:
        row = await self._db.fetchrow(self._find, entity_id)
        return None if row is None else self.table.entry(**dict(row.items()))

    async def save(self, entry: E) -> None:
        values = [getattr(entry, c) for c in self.table.columns]
        await self._db.connection().execute(self._save, *values)

    async def update_if_older(self, entity_id: str, version: int, **changes: Any) -> None:
        """Set `changes` (columns of the entry or hidden ones) and `version` on the entry
        of `entity_id` when it is older than `version`."""
        known = {*self.table.columns, *self.table.hidden} - {"id", "version"}
        if not known.issuperset(changes):
            raise ValueError(f"{self.table.name} has no column {sorted(set(changes) - known)}")
        assignments = [f"{c} = ${n}" for n, c in enumerate(changes, start=3)]
        await self._db.connection().execute(
            f"UPDATE {self.table.name} SET {', '.join([*assignments, 'version = $2'])}"
            " WHERE id = $1 AND version < $2",
            entity_id,
            version,
            *changes.values(),
        )

    async def delete_if_older(self, entity_id: str, version: int) -> None:
        """Delete the entry of `entity_id` when it is older than `version`."""
        await self._db.connection().execute(self._delete, entity_id, version)
