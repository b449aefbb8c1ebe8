"""Consumer side of `pacts/cosec-ordering.json`: a new order starts a create-order saga, and
ordering's replies to ApproveOrder and RejectOrder finish it (or compensate, or fail it)."""

from __future__ import annotations

from collections.abc import Iterator

import msgspec
import pytest
from pact import match

from mall.kernel.saga.state import SagaStatus
from mall_adapters.reliability.envelope import (
    FAILURE,
    HEADER_REPLY_TO,
    HEADER_SAGA_ID,
    SUCCESS,
)
from mall_contracts.common import messages as common
from mall_contracts.cosec.subjects import CREATE_ORDER_REPLIES
from mall_contracts.customers.messages import AUTHORIZE_CUSTOMER
from mall_contracts.depot.messages import CANCEL_SHOPPING_LIST
from mall_contracts.ordering import messages
from mall_contracts.ordering.subjects import ORDER_EVENTS
from tests.contract.cosec_consumer import CosecConsumer, cosec_pact, expect_reply, recorder_for
from tests.support.contract_pacts import PactRecorder
from tests.support.cosec_saga import ORDER_ID, SHOPPING_ID

PROVIDER = "ordering"
ORDER_CREATED = "an OrderCreated message"
APPROVED = "an am.Success reply to ApproveOrder"
NOT_APPROVED = "an am.Failure reply to ApproveOrder"
REJECTED = "an am.Success reply to RejectOrder"
NOT_REJECTED = "an am.Failure reply to RejectOrder"


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    descriptions = (ORDER_CREATED, APPROVED, NOT_APPROVED, REJECTED, NOT_REJECTED)
    yield from recorder_for(PROVIDER, descriptions, tmp_path_factory)


@pytest.fixture
def cosec() -> CosecConsumer:
    return CosecConsumer.build()


def test_a_new_order_starts_a_saga_that_authorizes_the_customer(
    recorder: PactRecorder, cosec: CosecConsumer
) -> None:
    pact = cosec_pact(PROVIDER)
    (
        pact.upon_receiving(ORDER_CREATED, "Async")
        .with_body(
            {
                "id": match.str("new-order-id"),
                "customer_id": match.str("new-customer-id"),
                "payment_id": match.str("new-payment-id"),
                "items": match.each_like(
                    {
                        "product_id": match.str("product-id"),
                        "store_id": match.str("store-id"),
                        "price": match.number(2.5),
                        "quantity": match.int(4),
                    }
                ),
            },
            content_type="application/json",
        )
        .with_metadata(
            {
                "subject": ORDER_EVENTS,
                "name": messages.ORDER_CREATED,
                "contentType": "application/json",
            }
        )
    )
    pact.verify(cosec.receive, "Async")
    saga = cosec.saga.state("new-order-id")
    assert (saga.status, saga.data.payment_id, saga.data.total) == (
        SagaStatus.RUNNING,
        "new-payment-id",
        10.0,
    )
    [command] = cosec.saga.core.sent()
    assert command.name == AUTHORIZE_CUSTOMER
    assert msgspec.json.decode(command.data) == {"id": "new-customer-id"}
    assert command.extra_headers[HEADER_REPLY_TO] == CREATE_ORDER_REPLIES
    assert command.extra_headers[HEADER_SAGA_ID] == "new-order-id"
    recorder.record(pact)


def test_an_approved_order_completes_the_saga(recorder: PactRecorder, cosec: CosecConsumer) -> None:
    command = cosec.saga.waiting_for(messages.APPROVE_ORDER)
    pact = expect_reply(
        cosec_pact(PROVIDER),
        APPROVED,
        common.SUCCESS,
        {},
        answering=command,
        outcome=SUCCESS,
        state="a pending order",
        id=ORDER_ID,
    )
    pact.verify(cosec.receive, "Async")
    assert cosec.outcome_of(command) == "success"
    assert cosec.status() is SagaStatus.COMPLETED
    recorder.record(pact)


def test_an_order_that_cannot_be_approved_cancels_the_shopping_list(
    recorder: PactRecorder, cosec: CosecConsumer
) -> None:
    command = cosec.saga.waiting_for(messages.APPROVE_ORDER)
    pact = expect_reply(
        cosec_pact(PROVIDER),
        NOT_APPROVED,
        common.FAILURE,
        {"message": match.str("the order cannot be approved")},
        answering=command,
        outcome=FAILURE,
        state="a canceled order",
        id=ORDER_ID,
    )
    pact.verify(cosec.receive, "Async")
    assert cosec.outcome_of(command) == "failure"
    assert cosec.sent_after(command) == [CANCEL_SHOPPING_LIST]
    assert msgspec.json.decode(cosec.saga.last().data) == {"id": SHOPPING_ID}
    recorder.record(pact)


def test_a_rejected_order_compensates_the_saga(
    recorder: PactRecorder, cosec: CosecConsumer
) -> None:
    command = cosec.saga.waiting_for(messages.REJECT_ORDER)
    pact = expect_reply(
        cosec_pact(PROVIDER),
        REJECTED,
        common.SUCCESS,
        {},
        answering=command,
        outcome=SUCCESS,
        state="a pending order",
        id=ORDER_ID,
    )
    pact.verify(cosec.receive, "Async")
    assert cosec.outcome_of(command) == "success"
    assert cosec.status() is SagaStatus.COMPENSATED
    recorder.record(pact)


def test_an_order_that_cannot_be_rejected_fails_the_saga(
    recorder: PactRecorder, cosec: CosecConsumer
) -> None:
    command = cosec.saga.waiting_for(messages.REJECT_ORDER)
    pact = expect_reply(
        cosec_pact(PROVIDER),
        NOT_REJECTED,
        common.FAILURE,
        {"message": match.str("the order cannot be rejected")},
        answering=command,
        outcome=FAILURE,
        state="an approved order",
        id=ORDER_ID,
    )
    pact.verify(cosec.receive, "Async")
    saga = cosec.saga.state()
    assert (saga.status, saga.error) == (
        SagaStatus.FAILED,
        "compensation reject order failed: the order cannot be rejected",
    )
    recorder.record(pact)
