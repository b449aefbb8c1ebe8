"""Consumer side of `pacts/ordering-cosec.json`: the create-order saga's ApproveOrder and
RejectOrder, with the headers ordering answers by.

Each example command is delivered with its headers through ordering's command route and the
real command processor (in memory), as its JetStream command consumer runs it. The tests check
what it did to the order and the reply the processor wrote for the saga: `am.Success`, or
`am.Failure` with ordering's text when the order is past the step. Rejecting is the saga's
compensation, so an order already canceled by its customer is answered with `am.Success`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pact import Pact, match

from mall.ordering.domain.events import OrderStatus
from mall_adapters.reliability.envelope import FAILURE, SUCCESS
from mall_contracts.common import messages as common
from mall_contracts.ordering import messages
from mall_contracts.ordering.subjects import ORDER_COMMANDS
from tests.contract.ordering_consumer import ORDER_ID, SHOPPING_ID, OrderingConsumer, recorder_for
from tests.support.contract_pacts import PactRecorder
from tests.support.contract_saga import assert_answered, expect_command
from tests.support.cosec_saga import CUSTOMER_REFUSED, SHOPPING_INITIATED

PROVIDER = "cosec"
APPROVE = "an ApproveOrder command for a pending order"
APPROVE_REJECTED = "an ApproveOrder command for a rejected order"
APPROVE_CANCELED = "an ApproveOrder command for a canceled order"
REJECT = "a RejectOrder command for a pending order"
REJECT_CANCELED = "a RejectOrder command for a canceled order"
REJECT_APPROVED = "a RejectOrder command for an approved order"
DESCRIPTIONS = (
    APPROVE,
    APPROVE_REJECTED,
    APPROVE_CANCELED,
    REJECT,
    REJECT_CANCELED,
    REJECT_APPROVED,
)


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    yield from recorder_for(PROVIDER, DESCRIPTIONS, tmp_path_factory)


@pytest.fixture
def ordering() -> OrderingConsumer:
    return OrderingConsumer.build()


def approve(description: str) -> Pact:
    pact = Pact("ordering", PROVIDER).with_specification("V4")
    body = {"id": match.str(ORDER_ID), "shopping_id": match.str(SHOPPING_ID)}
    name = messages.APPROVE_ORDER
    return expect_command(pact, description, SHOPPING_INITIATED, ORDER_COMMANDS, name, body)


def reject(description: str) -> Pact:
    pact = Pact("ordering", PROVIDER).with_specification("V4")
    body = {"id": match.str(ORDER_ID)}
    name = messages.REJECT_ORDER
    return expect_command(pact, description, CUSTOMER_REFUSED, ORDER_COMMANDS, name, body)


def status_of(ordering: OrderingConsumer) -> OrderStatus:
    order = ordering.order()
    assert order is not None
    return order.status


def test_approve_approves_a_pending_order(
    recorder: PactRecorder, ordering: OrderingConsumer
) -> None:
    ordering.seed("pending")
    pact = approve(APPROVE)
    pact.verify(ordering.commands.receive, "Async")
    order = ordering.order()
    assert order is not None
    assert (order.status, order.shopping_id) == (OrderStatus.APPROVED, SHOPPING_ID)
    assert_answered(ordering.commands.reply(), common.SUCCESS, SUCCESS, {})
    recorder.record(pact)


@pytest.mark.parametrize(
    ("description", "status", "expected"),
    [
        (APPROVE_REJECTED, "rejected", OrderStatus.REJECTED),
        (APPROVE_CANCELED, "canceled", OrderStatus.CANCELLED),
    ],
)
def test_approve_of_an_order_past_pending_fails(
    recorder: PactRecorder,
    ordering: OrderingConsumer,
    description: str,
    status: str,
    expected: OrderStatus,
) -> None:
    ordering.seed(status)
    pact = approve(description)
    pact.verify(ordering.commands.receive, "Async")
    assert status_of(ordering) is expected
    why = {"message": "the order cannot be approved"}
    assert_answered(ordering.commands.reply(), common.FAILURE, FAILURE, why)
    recorder.record(pact)


def test_reject_rejects_a_pending_order(recorder: PactRecorder, ordering: OrderingConsumer) -> None:
    ordering.seed("pending")
    pact = reject(REJECT)
    pact.verify(ordering.commands.receive, "Async")
    assert status_of(ordering) is OrderStatus.REJECTED
    assert_answered(ordering.commands.reply(), common.SUCCESS, SUCCESS, {})
    recorder.record(pact)


def test_reject_of_a_canceled_order_succeeds(
    recorder: PactRecorder, ordering: OrderingConsumer
) -> None:
    """The compensation wants the order out of the way: canceled by its customer meanwhile
    is where it wants it, so the order stays canceled and the saga hears success."""
    ordering.seed("canceled")
    pact = reject(REJECT_CANCELED)
    pact.verify(ordering.commands.receive, "Async")
    assert status_of(ordering) is OrderStatus.CANCELLED
    assert_answered(ordering.commands.reply(), common.SUCCESS, SUCCESS, {})
    recorder.record(pact)


def test_reject_of_an_approved_order_fails(
    recorder: PactRecorder, ordering: OrderingConsumer
) -> None:
    ordering.seed("approved")
    pact = reject(REJECT_APPROVED)
    pact.verify(ordering.commands.receive, "Async")
    assert status_of(ordering) is OrderStatus.APPROVED
    why = {"message": "the order cannot be rejected"}
    assert_answered(ordering.commands.reply(), common.FAILURE, FAILURE, why)
    recorder.record(pact)
