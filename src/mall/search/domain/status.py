"""An order's status as search shows it, and how far along the order's life each one is.

The events of one order can arrive out of order (redeliveries, a parked message replayed),
so a status only replaces one that is not as far along: `Ready For Pickup` never falls back
to `Approved`. The three ends (rejected, canceled, completed) share the last rank: the first
one recorded stays.
"""

from __future__ import annotations

from enum import Enum

from mall.kernel.errors import BadRequestError


class OrderStatus(Enum):
    NEW = "New"
    APPROVED = "Approved"
    READY = "Ready For Pickup"
    REJECTED = "Rejected"
    CANCELED = "Canceled"
    COMPLETED = "Completed"

    @property
    def rank(self) -> int:
        """How far along the order's life: 1 (new) to 4 (ended)."""
        return _RANKS[self]

    @classmethod
    def parse(cls, text: str) -> OrderStatus:
        """The status shown as `text`; a `BadRequestError` naming the valid ones otherwise."""
        for status in cls:
            if status.value == text:
                return status
        known = ", ".join(f'"{s.value}"' for s in cls)
        raise BadRequestError(f"the status must be one of {known}")


_RANKS = {
    OrderStatus.NEW: 1,
    OrderStatus.APPROVED: 2,
    OrderStatus.READY: 3,
    OrderStatus.REJECTED: 4,
    OrderStatus.CANCELED: 4,
    OrderStatus.COMPLETED: 4,
}
