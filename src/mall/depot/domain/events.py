"""The ShoppingList's values and its private domain events."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from mall.kernel.events import DomainEvent


class ShoppingListStatus(Enum):
    PENDING = "pending"
    AVAILABLE = "available"
    ASSIGNED = "assigned"
    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELED = "canceled"


@dataclass(frozen=True)
class StopItem:
    """A product to collect, named as it was when the list was built."""

    product_id: str
    product_name: str
    quantity: int


@dataclass(frozen=True)
class Stop:
    """A store to visit and what to collect there."""

    store_id: str
    store_name: str
    store_location: str
    items: tuple[StopItem, ...]


@dataclass(frozen=True)
class ShoppingListCreated(DomainEvent):
    NAME = "depot.ShoppingListCreated"
    order_id: str
    stops: tuple[Stop, ...]


@dataclass(frozen=True)
class ShoppingListInitiated(DomainEvent):
    NAME = "depot.ShoppingListInitiated"


@dataclass(frozen=True)
class ShoppingListAssigned(DomainEvent):
    NAME = "depot.ShoppingListAssigned"
    bot_id: str


@dataclass(frozen=True)
class ShoppingListCompleted(DomainEvent):
    NAME = "depot.ShoppingListCompleted"


@dataclass(frozen=True)
class ShoppingListCanceled(DomainEvent):
    NAME = "depot.ShoppingListCanceled"
