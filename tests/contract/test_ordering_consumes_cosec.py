"""Consumer side of `pacts/ordering-cosec.json`: the create-order saga's ApproveOrder and
RejectOrder, with the headers ordering answers by.

Each example command is delivered with its headers through ordering's command route and the
real command processor (in memory), as its JetStream command consumer runs it. The tests check
what it did to the order and the reply the processor wrote for the saga: `am.Success`, or
`am.Failure` with ordering's text when the order is past the step. Rejecting is the saga's
compensation, so an order already canceled by its customer is answered with `am.Success`.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pact import match

from mall.ordering.domain.events import OrderStatus
from mall_contracts.ordering import messages
from mall_contracts.ordering.subjects import ORDER_COMMANDS
from tests.contract.ordering_consumer import ORDER_ID, SHOPPING_ID, OrderingConsumer
from tests.support.contract_pacts import PactRecorder, pact_recorder
from tests.support.contract_saga import (
    SUCCEEDED,
    CommandCase,
    ExpectedCommand,
    check_command,
    refused,
)
from tests.support.cosec_saga import CUSTOMER_REFUSED, SHOPPING_INITIATED

APPROVE = ExpectedCommand(
    SHOPPING_INITIATED,
    ORDER_COMMANDS,
    messages.APPROVE_ORDER,
    {"id": match.str(ORDER_ID), "shopping_id": match.str(SHOPPING_ID)},
)
REJECT = ExpectedCommand(
    CUSTOMER_REFUSED, ORDER_COMMANDS, messages.REJECT_ORDER, {"id": match.str(ORDER_ID)}
)


def an_order(status: str) -> Callable[[OrderingConsumer], None]:
    """The order `ORDER_ID`, brought to `status` (`OrderingConsumer.seed`)."""
    return lambda ordering: ordering.seed(status)


def order_is(status: OrderStatus, shopping_id: str = "") -> Callable[[OrderingConsumer], None]:
    """The order's status after the command, and the shopping list it is approved with."""

    def check(ordering: OrderingConsumer) -> None:
        order = ordering.order()
        assert order is not None
        assert (order.status, order.shopping_id) == (status, shopping_id)

    return check


CASES: list[CommandCase[OrderingConsumer]] = [
    CommandCase(
        "approve approves a pending order",
        "an ApproveOrder command for a pending order",
        APPROVE,
        SUCCEEDED,
        given=an_order("pending"),
        then=order_is(OrderStatus.APPROVED, SHOPPING_ID),
    ),
    CommandCase(
        "approve of a rejected order fails",
        "an ApproveOrder command for a rejected order",
        APPROVE,
        refused("the order cannot be approved"),
        given=an_order("rejected"),
        then=order_is(OrderStatus.REJECTED),
    ),
    CommandCase(
        "approve of a canceled order fails",
        "an ApproveOrder command for a canceled order",
        APPROVE,
        refused("the order cannot be approved"),
        given=an_order("canceled"),
        then=order_is(OrderStatus.CANCELLED),
    ),
    CommandCase(
        "reject rejects a pending order",
        "a RejectOrder command for a pending order",
        REJECT,
        SUCCEEDED,
        given=an_order("pending"),
        then=order_is(OrderStatus.REJECTED),
    ),
    CommandCase(
        # The compensation wants the order out of the way: canceled by its customer meanwhile
        # is where it wants it, so the order stays canceled and the saga hears success.
        "reject of a canceled order succeeds",
        "a RejectOrder command for a canceled order",
        REJECT,
        SUCCEEDED,
        given=an_order("canceled"),
        then=order_is(OrderStatus.CANCELLED),
    ),
    CommandCase(
        "reject of an approved order fails",
        "a RejectOrder command for an approved order",
        REJECT,
        refused("the order cannot be rejected"),
        given=an_order("approved"),
        then=order_is(OrderStatus.APPROVED, SHOPPING_ID),
    ),
]
recorder = pact_recorder("ordering", "cosec", [case.description for case in CASES])


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.intent)
def test_a_command_is_answered(case: CommandCase[OrderingConsumer], recorder: PactRecorder) -> None:
    check_command(case, OrderingConsumer.build(), recorder)
