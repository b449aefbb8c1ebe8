"""The Basket's domain events, its snapshot, and the basket line they carry."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mall.kernel.events import DomainEvent, Snapshot


class BasketStatus(StrEnum):
    UNKNOWN = ""  # nothing recorded yet (a fresh aggregate before `start`)
    OPEN = "open"
    CANCELED = "canceled"
    CHECKED_OUT = "checked_out"


@dataclass(frozen=True)
class BasketItem:
    """One basket line: the store and product names and the price current when first added."""

    store_id: str
    product_id: str
    store_name: str
    product_name: str
    price: float
    quantity: int


@dataclass(frozen=True)
class BasketStarted(DomainEvent):
    NAME = "baskets.BasketStarted"
    customer_id: str


@dataclass(frozen=True)
class BasketItemAdded(DomainEvent):
    NAME = "baskets.BasketItemAdded"
    item: BasketItem


@dataclass(frozen=True)
class BasketItemRemoved(DomainEvent):
    NAME = "baskets.BasketItemRemoved"
    product_id: str
    quantity: int


@dataclass(frozen=True)
class BasketCanceled(DomainEvent):
    NAME = "baskets.BasketCanceled"


@dataclass(frozen=True)
class BasketCheckedOut(DomainEvent):
    NAME = "baskets.BasketCheckedOut"
    payment_id: str


@dataclass(frozen=True)
class BasketV1(Snapshot):
    NAME = "baskets.BasketV1"
    customer_id: str
    payment_id: str
    items: tuple[BasketItem, ...]
    status: BasketStatus
