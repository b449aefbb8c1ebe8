"""Consumer side of `pacts/ordering-cosec.json`: the create-order saga's commands to ordering,
each answered with `am.Success`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pact import Pact, match

from mall.ordering.domain.events import OrderStatus
from mall_contracts.common.messages import Success
from mall_contracts.ordering import messages
from mall_contracts.ordering.subjects import ORDER_COMMANDS
from tests.contract.ordering_consumer import (
    ORDER_ID,
    SHOPPING_ID,
    OrderingConsumer,
    expect,
    recorder_for,
)
from tests.support.contract_pacts import PactRecorder

PROVIDER = "cosec"
DESCRIPTIONS = ("a RejectOrder command", "an ApproveOrder command")


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    yield from recorder_for(PROVIDER, DESCRIPTIONS, tmp_path_factory)


@pytest.fixture
def ordering() -> OrderingConsumer:
    consumer = OrderingConsumer.build()
    consumer.seed("pending")
    return consumer


def test_reject_order_rejects_the_pending_order(
    recorder: PactRecorder, ordering: OrderingConsumer
) -> None:
    pact = expect(
        Pact("ordering", PROVIDER).with_specification("V4"),
        "a RejectOrder command",
        ORDER_COMMANDS,
        messages.REJECT_ORDER,
        {"id": match.str(ORDER_ID)},
    )
    pact.verify(ordering.receive, "Async")
    order = ordering.order()
    assert order is not None
    assert order.status is OrderStatus.REJECTED
    assert ordering.replies == [Success()]
    recorder.record(pact)


def test_approve_order_approves_the_pending_order(
    recorder: PactRecorder, ordering: OrderingConsumer
) -> None:
    pact = expect(
        Pact("ordering", PROVIDER).with_specification("V4"),
        "an ApproveOrder command",
        ORDER_COMMANDS,
        messages.APPROVE_ORDER,
        {"id": match.str(ORDER_ID), "shopping_id": match.str(SHOPPING_ID)},
    )
    pact.verify(ordering.receive, "Async")
    order = ordering.order()
    assert order is not None
    assert (order.status, order.shopping_id) == (OrderStatus.APPROVED, SHOPPING_ID)
    assert ordering.replies == [Success()]
    recorder.record(pact)
