"""A saga definition shaped like CreateOrder, shared by the saga engine's unit tests and the
saga store's port suite.

Step 0 only compensates, step 4 does nothing forward: first and last steps without an
action. Step 2 folds its reply into the data.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from mall.kernel.saga.definition import SagaCommand, SagaDefinition, Step

T0 = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)
TIMEOUT = timedelta(seconds=30)


@dataclass(frozen=True)
class Order:
    order_id: str
    list_id: str = ""
    note: str = ""


def command(name: str) -> Callable[[Order], SagaCommand]:
    return lambda order: SagaCommand(name, {"order": order.order_id, "list": order.list_id})


def list_created(order: Order, payload: object) -> Order:
    assert isinstance(payload, dict)
    return replace(order, list_id=payload["list_id"])


def list_refused(order: Order, payload: object) -> Order:
    return replace(order, note=f"refused: {payload}")


ORDER_SAGA: SagaDefinition[Order] = SagaDefinition(
    "cosec.CreateOrder",
    (
        Step("reject", compensation=command("RejectOrder")),
        Step("authorize", action=command("AuthorizeCustomer")),
        Step(
            "list",
            action=command("CreateList"),
            compensation=command("CancelList"),
            on_reply={"ListCreated": list_created, "ListRefused": list_refused},
        ),
        Step("pay", action=command("ConfirmPayment")),
        Step("notify", compensation=command("Unreachable")),
    ),
)

FORWARD = ["AuthorizeCustomer", "CreateList", "ConfirmPayment"]


def counter() -> Callable[[], str]:
    numbers = itertools.count(1)
    return lambda: f"cmd-{next(numbers)}"
