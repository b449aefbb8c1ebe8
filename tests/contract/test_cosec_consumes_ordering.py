"""Consumer side of `pacts/cosec-ordering.json`: a new order starts a create-order saga, and
ordering's replies to ApproveOrder and RejectOrder finish it (or compensate, or fail it)."""

from __future__ import annotations

import msgspec
import pytest
from pact import match

from mall.kernel.saga.state import SagaStatus
from mall_adapters.reliability.envelope import HEADER_REPLY_TO, HEADER_SAGA_ID
from mall_contracts.common import messages as common
from mall_contracts.cosec.subjects import CREATE_ORDER_REPLIES
from mall_contracts.customers.messages import AUTHORIZE_CUSTOMER
from mall_contracts.depot.messages import CANCEL_SHOPPING_LIST
from mall_contracts.ordering import messages
from mall_contracts.ordering.subjects import ORDER_EVENTS
from tests.contract.cosec_consumer import CosecConsumer, SagaReply, check_reply
from tests.support.contract_consumer import expect_message
from tests.support.contract_pacts import PactRecorder, pact_recorder
from tests.support.cosec_saga import ORDER_ID, SHOPPING_ID

ORDER_CREATED = "an OrderCreated message"
ORDER = {"id": ORDER_ID}
REFUSED = "authorize customer failed: step refused"  # how the saga came to reject the order


def cancels_the_list(cosec: CosecConsumer) -> None:
    assert msgspec.json.decode(cosec.saga.last().data) == {"id": SHOPPING_ID}


REPLIES = [
    SagaReply(
        "an approved order completes the saga",
        "an am.Success reply to ApproveOrder",
        messages.APPROVE_ORDER,
        common.SUCCESS,
        {},
        given=("a pending order", ORDER),
        sends=[],
        status=SagaStatus.COMPLETED,
    ),
    SagaReply(
        "an order that cannot be approved cancels the shopping list",
        "an am.Failure reply to ApproveOrder",
        messages.APPROVE_ORDER,
        common.FAILURE,
        {"message": match.str("the order cannot be approved")},
        given=("a canceled order", ORDER),
        sends=[CANCEL_SHOPPING_LIST],
        compensating=True,
        error="approve order failed: the order cannot be approved",
        also=cancels_the_list,
    ),
    SagaReply(
        "a rejected order compensates the saga",
        "an am.Success reply to RejectOrder",
        messages.REJECT_ORDER,
        common.SUCCESS,
        {},
        given=("a pending order", ORDER),
        sends=[],
        status=SagaStatus.COMPENSATED,
        compensating=True,
        error=REFUSED,
    ),
    SagaReply(
        "an order that cannot be rejected fails the saga",
        "an am.Failure reply to RejectOrder",
        messages.REJECT_ORDER,
        common.FAILURE,
        {"message": match.str("the order cannot be rejected")},
        given=("an approved order", ORDER),
        sends=[],
        status=SagaStatus.FAILED,
        compensating=True,
        error="compensation reject order failed: the order cannot be rejected",
    ),
]
recorder = pact_recorder(
    "cosec", "ordering", [ORDER_CREATED, *(reply.description for reply in REPLIES)]
)


def test_a_new_order_starts_a_saga_that_authorizes_the_customer(recorder: PactRecorder) -> None:
    cosec = CosecConsumer.build()
    pact = expect_message(
        recorder.new_pact(),
        ORDER_CREATED,
        ORDER_EVENTS,
        messages.ORDER_CREATED,
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


@pytest.mark.parametrize("reply", REPLIES, ids=lambda reply: reply.intent)
def test_a_reply_moves_the_saga(reply: SagaReply, recorder: PactRecorder) -> None:
    check_reply(reply, recorder)
