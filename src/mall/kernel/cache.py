"""The versioned cache port: a module's local copies of another module's entities.

A module keeps such a cache from the owner's events and fills it by look-up fallbacks.
Every entry carries the owner's version of the entity it shows (the aggregate's event count
after the change, as the owner's events and look-up replies carry it), and every write
carries the version it reflects: a write changes an entry only when the entry is older.
Late, repeated or reordered events therefore never undo newer state, whichever of an event
or a fallback got there first.

Each module declares its own caches as `VersionedCache` of its own entry type, adding the
changes it applies (a rename, a new price, a removal) in its own words. Those changes follow
the same rule: they change an entry of an older version (and set its version to theirs),
leave an entry of the same or a newer version as it is, and leave an unknown id unknown
(the next look-up of it asks the owner).
"""

from __future__ import annotations

from typing import Protocol, TypeVar


class Versioned(Protocol):
    """An entry of a versioned cache: the entity's id and the owner's version it shows."""

    @property
    def id(self) -> str: ...

    @property
    def version(self) -> int: ...


E = TypeVar("E", bound=Versioned)


class VersionedCache(Protocol[E]):
    """`find` reads committed entries anywhere; writes happen in the caller's unit of work.

    `save` inserts the entry, or replaces an entry of an older version; an entry of the same
    or a newer version stays.
    """

    async def find(self, entity_id: str) -> E | None:
        """The cached entry, or None on a miss."""
        ...

    async def save(self, entry: E) -> None: ...
