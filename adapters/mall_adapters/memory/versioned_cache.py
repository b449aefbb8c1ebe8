"""`InMemoryVersionedCache`: a `VersionedCache` in a dict of frozen dataclass entries."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Generic, TypeVar

from mall.kernel.cache import Versioned

E = TypeVar("E", bound=Versioned)


class InMemoryVersionedCache(Generic[E]):
    """`rows` holds the entries by id. A module's cache subclasses this, adding the port's
    changes in the port's words on top of `update_if_older` and `delete_if_older`."""

    def __init__(self) -> None:
        self.rows: dict[str, E] = {}

    async def find(self, entity_id: str) -> E | None:
        return self.rows.get(entity_id)

    async def save(self, entry: E) -> None:
        if self.saves(entry):
            self.rows[entry.id] = self.stored(entry)

    async def update_if_older(self, entity_id: str, version: int, **changes: Any) -> bool:
        """Set `changes` (fields of the entry) and `version` on the entry of `entity_id` when
        it is older than `version`; True when it was."""
        row = self.rows.get(entity_id)
        if row is None or row.version >= version:
            return False
        changed = replace(row, **changes, version=version)  # type: ignore[type-var]  # a dataclass
        self.rows[entity_id] = self.stored(changed)
        return True

    async def delete_if_older(self, entity_id: str, version: int) -> None:
        """Delete the entry of `entity_id` when it is older than `version`."""
        row = self.rows.get(entity_id)
        if row is not None and row.version < version:
            del self.rows[entity_id]

    def saves(self, entry: E) -> bool:
        """Whether `save` writes `entry`: its id has no entry, or an older one."""
        row = self.rows.get(entry.id)
        return row is None or row.version < entry.version

    def stored(self, entry: E) -> E:
        """What the table would keep of `entry` (e.g. a price rounded as its column does)."""
        return entry
