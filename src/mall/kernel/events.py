"""Domain events: private, past-tense facts recorded by aggregates (never sent on the wire)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class DomainEvent:
    """Base of every domain event. `NAME` is the stored name, e.g. `baskets.BasketStarted`."""

    NAME: ClassVar[str]


@dataclass(frozen=True)
class Snapshot:
    """Base of aggregate snapshots. `NAME` is versioned, e.g. `baskets.BasketV1`."""

    NAME: ClassVar[str]
