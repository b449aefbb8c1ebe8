"""The Store aggregate: name, location and participation in bot shopping."""

from __future__ import annotations

from dataclasses import dataclass

from mall.kernel.aggregate import EventSourced
from mall.kernel.errors import BadRequestError
from mall.kernel.events import DomainEvent, Snapshot


@dataclass(frozen=True)
class StoreCreated(DomainEvent):
    NAME = "stores.StoreCreated"
    name: str
    location: str


@dataclass(frozen=True)
class StoreParticipationEnabled(DomainEvent):
    NAME = "stores.StoreParticipationEnabled"


@dataclass(frozen=True)
class StoreParticipationDisabled(DomainEvent):
    NAME = "stores.StoreParticipationDisabled"


@dataclass(frozen=True)
class StoreRebranded(DomainEvent):
    NAME = "stores.StoreRebranded"
    name: str


@dataclass(frozen=True)
class StoreV1(Snapshot):
    NAME = "stores.StoreV1"
    name: str
    location: str
    participating: bool


def require_store_name(name: str) -> None:
    if not name.strip():
        raise BadRequestError("the store name cannot be blank")


class Store(EventSourced[StoreV1]):
    NAME = "stores.Store"
    EVENTS = (StoreCreated, StoreParticipationEnabled, StoreParticipationDisabled, StoreRebranded)
    SNAPSHOT = StoreV1

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.name = ""
        self.location = ""
        self.participating = False

    @classmethod
    def create(cls, store_id: str, name: str, location: str) -> Store:
        require_store_name(name)
        if not location.strip():
            raise BadRequestError("the store location cannot be blank")
        store = cls(store_id)
        store.record(StoreCreated(name=name, location=location))
        return store

    def enable_participation(self) -> None:
        if self.participating:
            raise BadRequestError("the store is already participating")
        self.record(StoreParticipationEnabled())

    def disable_participation(self) -> None:
        if not self.participating:
            raise BadRequestError("the store is already not participating")
        self.record(StoreParticipationDisabled())

    def rebrand(self, name: str) -> None:
        require_store_name(name)
        self.record(StoreRebranded(name=name))

    def apply(self, event: DomainEvent) -> None:
        match event:
            case StoreCreated(name=name, location=location):
                self.name, self.location = name, location
            case StoreParticipationEnabled():
                self.participating = True
            case StoreParticipationDisabled():
                self.participating = False
            case StoreRebranded(name=name):
                self.name = name
            case _:
                raise TypeError(f"{self.NAME} cannot apply {type(event).__name__}")

    def snapshot(self) -> StoreV1:
        return StoreV1(name=self.name, location=self.location, participating=self.participating)

    def restore(self, snapshot: StoreV1) -> None:
        self.name, self.location = snapshot.name, snapshot.location
        self.participating = snapshot.participating
