"""Closed orders: an order ordering rejected or canceled, for which depot builds nothing more.

A `CreateShoppingList` can reach depot after its order was closed (the saga's step timed out
and the command was executed late, or the customer canceled the order while it was still
pending); the order being closed is what refuses it, whatever order the messages arrive in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from mall.kernel.errors import BadRequestError

ORDER_CLOSED = "the order is closed"
"""The refusal of a create or an initiate for a closed order."""


class CloseReason(Enum):
    REJECTED = "rejected"
    CANCELED = "canceled"


@dataclass(frozen=True)
class ClosedOrder:
    """The first closing of an order stands: a later or repeated one changes nothing."""

    order_id: str
    reason: CloseReason
    closed_at: datetime


def ensure_open(closed: ClosedOrder | None) -> None:
    """Nothing is built or made available for a closed order (`closed` is its closing, None
    while it is open)."""
    if closed is not None:
        raise BadRequestError(ORDER_CLOSED)
