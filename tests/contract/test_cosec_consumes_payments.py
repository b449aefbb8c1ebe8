"""Consumer side of `pacts/cosec-payments.json`: payments' replies to ConfirmPayment move a
saga waiting for them on (shopping is initiated) or back (the shopping list is canceled)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pact import match

from mall_adapters.reliability.envelope import FAILURE, SUCCESS
from mall_contracts.common import messages as common
from mall_contracts.depot.messages import CANCEL_SHOPPING_LIST, INITIATE_SHOPPING
from mall_contracts.payments.messages import CONFIRM_PAYMENT
from tests.contract.cosec_consumer import CosecConsumer, cosec_pact, expect_reply, recorder_for
from tests.support.contract_pacts import PactRecorder
from tests.support.cosec_saga import ORDER

PROVIDER = "payments"
SUCCESS_REPLY = "an am.Success reply to ConfirmPayment"
FAILURE_REPLY = "an am.Failure reply to ConfirmPayment"
TOTAL = 42.5  # the order's total


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    yield from recorder_for(PROVIDER, (SUCCESS_REPLY, FAILURE_REPLY), tmp_path_factory)


@pytest.fixture
def cosec() -> CosecConsumer:
    return CosecConsumer.build()


def test_a_confirmed_payment_initiates_shopping(
    recorder: PactRecorder, cosec: CosecConsumer
) -> None:
    command = cosec.saga.waiting_for(CONFIRM_PAYMENT)
    pact = expect_reply(
        cosec_pact(PROVIDER),
        SUCCESS_REPLY,
        common.SUCCESS,
        {},
        answering=command,
        outcome=SUCCESS,
        state="a payment covering the total",
        id=ORDER.payment_id,
        total=TOTAL,
    )
    pact.verify(cosec.receive, "Async")
    assert cosec.outcome_of(command) == "success"
    assert cosec.sent_after(command) == [INITIATE_SHOPPING]
    recorder.record(pact)


def test_a_refused_payment_cancels_the_shopping_list(
    recorder: PactRecorder, cosec: CosecConsumer
) -> None:
    command = cosec.saga.waiting_for(CONFIRM_PAYMENT)
    pact = expect_reply(
        cosec_pact(PROVIDER),
        FAILURE_REPLY,
        common.FAILURE,
        {"message": match.str("payment cannot be confirmed")},
        answering=command,
        outcome=FAILURE,
        state="a payment below the total",
        id=ORDER.payment_id,
        total=TOTAL,
    )
    pact.verify(cosec.receive, "Async")
    assert cosec.outcome_of(command) == "failure"
    assert cosec.sent_after(command) == [CANCEL_SHOPPING_LIST]
    state = cosec.saga.state()
    assert state.compensating
    assert state.error == "confirm payment failed: payment cannot be confirmed"
    recorder.record(pact)
