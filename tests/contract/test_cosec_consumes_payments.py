"""Consumer side of `pacts/cosec-payments.json`: payments' replies to ConfirmPayment move a
saga waiting for them on (shopping is initiated) or back (the shopping list is canceled)."""

from __future__ import annotations

import pytest
from pact import match

from mall_contracts.common import messages as common
from mall_contracts.depot.messages import CANCEL_SHOPPING_LIST, INITIATE_SHOPPING
from mall_contracts.payments.messages import CONFIRM_PAYMENT
from tests.contract.cosec_consumer import SagaReply, check_reply
from tests.support.contract_pacts import PactRecorder, pact_recorder
from tests.support.cosec_saga import ORDER

PAYMENT = {"id": ORDER.payment_id, "total": 42.5}  # the order's payment and total
REPLIES = [
    SagaReply(
        "a confirmed payment initiates shopping",
        "an am.Success reply to ConfirmPayment",
        CONFIRM_PAYMENT,
        common.SUCCESS,
        {},
        given=("a payment covering the total", PAYMENT),
        sends=[INITIATE_SHOPPING],
    ),
    SagaReply(
        "a refused payment cancels the shopping list",
        "an am.Failure reply to ConfirmPayment",
        CONFIRM_PAYMENT,
        common.FAILURE,
        {"message": match.str("payment cannot be confirmed")},
        given=("a payment below the total", PAYMENT),
        sends=[CANCEL_SHOPPING_LIST],
        compensating=True,
        error="confirm payment failed: payment cannot be confirmed",
    ),
]
recorder = pact_recorder("cosec", "payments", [reply.description for reply in REPLIES])


@pytest.mark.parametrize("reply", REPLIES, ids=lambda reply: reply.intent)
def test_a_reply_moves_the_saga(reply: SagaReply, recorder: PactRecorder) -> None:
    check_reply(reply, recorder)
