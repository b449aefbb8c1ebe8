"""A notification: one SMS about one order, and how its delivery went."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum


class Kind(Enum):
    """What happened to the order; at most one notification per order and kind."""

    ORDER_CREATED = "order_created"
    ORDER_READY = "order_ready"
    ORDER_CANCELED = "order_canceled"
    ORDER_COMPLETED = "order_completed"


class Status(Enum):
    PENDING = "pending"  # recorded; not delivered yet, or waiting for another attempt
    SENT = "sent"
    FAILED = "failed"  # never delivered: the gateway failed every attempt, or no customer


TEXTS = {
    Kind.ORDER_CREATED: "Hi {name}, we received your order {order}."
    " We will text you when it is ready for pickup.",
    Kind.ORDER_READY: "Hi {name}, your order {order} is ready for pickup.",
    Kind.ORDER_CANCELED: "Hi {name}, your order {order} was canceled.",
    Kind.ORDER_COMPLETED: "Hi {name}, your order {order} is completed. Thank you!",
}


def compose(kind: Kind, name: str, order_id: str) -> str:
    """The SMS text for `kind`, addressed to the customer by name."""
    return TEXTS[kind].format(name=name or "there", order=order_id)


@dataclass(frozen=True)
class Notification:
    id: str
    order_id: str
    customer_id: str
    sms_number: str
    kind: Kind
    text: str
    created_at: datetime
    status: Status = Status.PENDING
    attempts: int = 0  # delivery attempts started (a claim counts one)
    error: str = ""  # the last delivery error
    sent_at: datetime | None = None

    def failed(self, error: str) -> Notification:
        """This notification, never to be delivered, and why."""
        return replace(self, status=Status.FAILED, error=error)
