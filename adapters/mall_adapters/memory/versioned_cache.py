"""`InMemoryVersionedCache`: a `VersionedCache` in a dict of frozen dataclass entries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Generic, TypeVar

from mall.kernel.cache import Versioned

E = TypeVar("E", bound=Versioned)


def _as_is(entry: E) -> E:
    return entry


class InMemoryVersionedCache(Generic[E]):
    """`rows` holds the entries by id. `stored` turns an entry into what the table would keep
    (e.g. a price rounded as its `numeric` column rounds it)."""

    def __init__(self, stored: Callable[[E], E] = _as_is) -> None:
        self.rows: dict[str, E] = {}
        self._stored = stored

    async def find(self, entity_id: str) -> E | None:
        return self.rows.get(entity_id)

    async def save(self, entry: E) -> None:
        if self.older(entry.id, entry.version, missing=True):
            self.rows[entry.id] = self._stored(entry)

    async def update_if_older(self, entity_id: str, version: int, **changes: Any) -> bool:
        """Set `changes` (fields of the entry) and `version` on the entry of `entity_id` when
        it is older than `version`; True when it was."""
        if not self.older(entity_id, version):
            return False
        row = self.rows[entity_id]
        self.rows[entity_id] = self._stored(replace(row, **changes, version=version))  # type: ignore[type-var]
        return True

    async def delete_if_older(self, entity_id: str, version: int) -> None:
        """Delete the entry of `entity_id` when it is older than `version`."""
        if self.older(entity_id, version):
            del self.rows[entity_id]

    def older(self, entity_id: str, version: int, missing: bool = False) -> bool:
        """Whether the entry of `entity_id` is older than `version` (`missing` for none)."""
        row = self.rows.get(entity_id)
        return missing if row is None else row.version < version
