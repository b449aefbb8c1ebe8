"""A minimal event-sourced aggregate for testing the kernel and the event stores."""

from __future__ import annotations

from dataclasses import dataclass

from mall.kernel.aggregate import EventSourced
from mall.kernel.events import DomainEvent, Snapshot


@dataclass(frozen=True)
class Added(DomainEvent):
    NAME = "tests.Added"
    amount: int


@dataclass(frozen=True)
class Renamed(DomainEvent):
    NAME = "tests.Renamed"
    label: str


@dataclass(frozen=True)
class TallyV1(Snapshot):
    NAME = "tests.TallyV1"
    total: int
    label: str
    history: tuple[int, ...]


class Tally(EventSourced[TallyV1]):
    NAME = "tests.Tally"
    EVENTS = (Added, Renamed)
    SNAPSHOT = TallyV1

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.total = 0
        self.label = ""
        self.history: tuple[int, ...] = ()

    def add(self, *amounts: int) -> None:
        for amount in amounts:
            self.record(Added(amount))

    def apply(self, event: DomainEvent) -> None:
        match event:
            case Added(amount=amount):
                self.total += amount
                self.history += (amount,)
            case Renamed(label=label):
                self.label = label

    def snapshot(self) -> TallyV1:
        return TallyV1(self.total, self.label, self.history)

    def restore(self, snapshot: TallyV1) -> None:
        self.total, self.label, self.history = snapshot.total, snapshot.label, snapshot.history
