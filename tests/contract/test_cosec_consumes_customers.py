"""Consumer side of `pacts/cosec-customers.json`: customers' replies to AuthorizeCustomer move
a saga waiting for them on (an authorized customer) or back (the order is rejected)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pact import match

from mall_adapters.reliability.envelope import FAILURE, SUCCESS
from mall_contracts.common import messages as common
from mall_contracts.customers.messages import AUTHORIZE_CUSTOMER
from mall_contracts.depot.messages import CREATE_SHOPPING_LIST
from mall_contracts.ordering.messages import REJECT_ORDER
from tests.contract.cosec_consumer import CosecConsumer, cosec_pact, expect_reply, recorder_for
from tests.support.contract_pacts import PactRecorder
from tests.support.cosec_saga import ORDER

PROVIDER = "customers"
SUCCESS_REPLY = "an am.Success reply to AuthorizeCustomer"
FAILURE_REPLY = "an am.Failure reply to AuthorizeCustomer"


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    yield from recorder_for(PROVIDER, (SUCCESS_REPLY, FAILURE_REPLY), tmp_path_factory)


@pytest.fixture
def cosec() -> CosecConsumer:
    return CosecConsumer.build()


def test_an_authorized_customer_moves_the_saga_to_the_shopping_list(
    recorder: PactRecorder, cosec: CosecConsumer
) -> None:
    command = cosec.saga.waiting_for(AUTHORIZE_CUSTOMER)
    pact = expect_reply(
        cosec_pact(PROVIDER),
        SUCCESS_REPLY,
        common.SUCCESS,
        {},
        answering=command,
        outcome=SUCCESS,
        state="an enabled customer",
        id=ORDER.customer_id,
    )
    pact.verify(cosec.receive, "Async")
    assert cosec.sent_after(command) == [CREATE_SHOPPING_LIST]
    assert cosec.outcome_of(command) == "success"
    recorder.record(pact)


def test_an_unauthorized_customer_rejects_the_order(
    recorder: PactRecorder, cosec: CosecConsumer
) -> None:
    command = cosec.saga.waiting_for(AUTHORIZE_CUSTOMER)
    pact = expect_reply(
        cosec_pact(PROVIDER),
        FAILURE_REPLY,
        common.FAILURE,
        {"message": match.str("customer is not authorized")},
        answering=command,
        outcome=FAILURE,
        state="a disabled customer",
        id=ORDER.customer_id,
    )
    pact.verify(cosec.receive, "Async")
    assert cosec.sent_after(command) == [REJECT_ORDER]
    assert cosec.outcome_of(command) == "failure"
    state = cosec.saga.state()
    assert state.compensating
    assert state.error == "authorize customer failed: customer is not authorized"
    recorder.record(pact)
