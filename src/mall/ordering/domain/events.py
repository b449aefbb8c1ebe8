"""The Order's domain events, its snapshot, its status and the order line they carry."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mall.kernel.events import DomainEvent, Snapshot


class OrderStatus(StrEnum):
    UNKNOWN = ""  # nothing recorded yet (a fresh aggregate before `create`)
    PENDING = "pending"
    REJECTED = "rejected"
    APPROVED = "approved"
    READY = "ready"
    COMPLETED = "completed"
    CANCELLED = "cancelled"  # double "l", as the reference spells it


@dataclass(frozen=True)
class OrderItem:
    """One order line: store and product names and the price as they were when ordered."""

    store_id: str
    product_id: str
    store_name: str
    product_name: str
    price: float
    quantity: int


@dataclass(frozen=True)
class OrderCreated(DomainEvent):
    NAME = "ordering.OrderCreated"
    customer_id: str
    payment_id: str
    items: tuple[OrderItem, ...]


@dataclass(frozen=True)
class OrderRejected(DomainEvent):
    NAME = "ordering.OrderRejected"


@dataclass(frozen=True)
class OrderApproved(DomainEvent):
    NAME = "ordering.OrderApproved"
    shopping_id: str


@dataclass(frozen=True)
class OrderReadied(DomainEvent):
    NAME = "ordering.OrderReadied"
    invoice_id: str


@dataclass(frozen=True)
class OrderCanceled(DomainEvent):
    NAME = "ordering.OrderCanceled"


@dataclass(frozen=True)
class OrderCompleted(DomainEvent):
    NAME = "ordering.OrderCompleted"
    invoice_id: str


@dataclass(frozen=True)
class OrderV1(Snapshot):
    NAME = "ordering.OrderV1"
    customer_id: str
    payment_id: str
    shopping_id: str
    invoice_id: str
    items: tuple[OrderItem, ...]
    status: OrderStatus
