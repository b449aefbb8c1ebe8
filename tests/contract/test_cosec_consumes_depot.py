"""Consumer side of `pacts/cosec-depot.json`: depot's replies to CreateShoppingList,
InitiateShopping and CancelShoppingList move a saga waiting for them on, back (compensating)
or, for a failed compensation, to its end as failed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pact import match

from mall.kernel.saga.state import SagaStatus
from mall_adapters.reliability.envelope import FAILURE, SUCCESS
from mall_contracts.common import messages as common
from mall_contracts.depot import messages
from mall_contracts.ordering.messages import APPROVE_ORDER, REJECT_ORDER
from mall_contracts.payments.messages import CONFIRM_PAYMENT
from tests.contract.cosec_consumer import CosecConsumer, cosec_pact, expect_reply, recorder_for
from tests.support.contract_pacts import PactRecorder
from tests.support.cosec_saga import SHOPPING_ID

PROVIDER = "depot"
CREATED = "a CreatedShoppingListReply to CreateShoppingList"
NOT_CREATED = "an am.Failure reply to CreateShoppingList"
INITIATED = "an am.Success reply to InitiateShopping"
NOT_INITIATED = "an am.Failure reply to InitiateShopping"
CANCELED = "an am.Success reply to CancelShoppingList"
NOT_CANCELED = "an am.Failure reply to CancelShoppingList"
ITEM = {"store_id": "store-id", "product_id": "product-id"}  # the order's one line


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    descriptions = (CREATED, NOT_CREATED, INITIATED, NOT_INITIATED, CANCELED, NOT_CANCELED)
    yield from recorder_for(PROVIDER, descriptions, tmp_path_factory)


@pytest.fixture
def cosec() -> CosecConsumer:
    return CosecConsumer.build()


def test_a_created_list_is_kept_and_the_payment_confirmed(
    recorder: PactRecorder, cosec: CosecConsumer
) -> None:
    command = cosec.saga.waiting_for(messages.CREATE_SHOPPING_LIST)
    pact = expect_reply(
        cosec_pact(PROVIDER),
        CREATED,
        messages.CREATED_SHOPPING_LIST,
        {"id": match.str("new-shopping-list-id")},
        answering=command,
        outcome=SUCCESS,
        state="a store with the product",
        **ITEM,
    )
    pact.verify(cosec.receive, "Async")
    assert cosec.outcome_of(command) == "success"
    assert cosec.saga.state().data.shopping_id == "new-shopping-list-id"
    assert cosec.sent_after(command) == [CONFIRM_PAYMENT]
    recorder.record(pact)


def test_a_list_that_cannot_be_built_rejects_the_order(
    recorder: PactRecorder, cosec: CosecConsumer
) -> None:
    command = cosec.saga.waiting_for(messages.CREATE_SHOPPING_LIST)
    pact = expect_reply(
        cosec_pact(PROVIDER),
        NOT_CREATED,
        common.FAILURE,
        {"message": match.str("building shopping list: store 'store-id' was not located")},
        answering=command,
        outcome=FAILURE,
        state="an unknown store",
        **ITEM,
    )
    pact.verify(cosec.receive, "Async")
    assert cosec.outcome_of(command) == "failure"
    assert cosec.sent_after(command) == [REJECT_ORDER]  # nothing was built: nothing to cancel
    recorder.record(pact)


def test_initiated_shopping_approves_the_order(
    recorder: PactRecorder, cosec: CosecConsumer
) -> None:
    command = cosec.saga.waiting_for(messages.INITIATE_SHOPPING)
    pact = expect_reply(
        cosec_pact(PROVIDER),
        INITIATED,
        common.SUCCESS,
        {},
        answering=command,
        outcome=SUCCESS,
        state="a pending shopping list",
        id=SHOPPING_ID,
    )
    pact.verify(cosec.receive, "Async")
    assert cosec.outcome_of(command) == "success"
    assert cosec.sent_after(command) == [APPROVE_ORDER]
    recorder.record(pact)


def test_shopping_that_cannot_be_initiated_cancels_the_list(
    recorder: PactRecorder, cosec: CosecConsumer
) -> None:
    command = cosec.saga.waiting_for(messages.INITIATE_SHOPPING)
    pact = expect_reply(
        cosec_pact(PROVIDER),
        NOT_INITIATED,
        common.FAILURE,
        {"message": match.str("the shopping list cannot be initiated")},
        answering=command,
        outcome=FAILURE,
        state="a canceled shopping list",
        id=SHOPPING_ID,
    )
    pact.verify(cosec.receive, "Async")
    assert cosec.outcome_of(command) == "failure"
    assert cosec.sent_after(command) == [messages.CANCEL_SHOPPING_LIST]
    recorder.record(pact)


def test_a_canceled_list_goes_on_to_reject_the_order(
    recorder: PactRecorder, cosec: CosecConsumer
) -> None:
    command = cosec.saga.waiting_for(messages.CANCEL_SHOPPING_LIST)
    pact = expect_reply(
        cosec_pact(PROVIDER),
        CANCELED,
        common.SUCCESS,
        {},
        answering=command,
        outcome=SUCCESS,
        state="a pending shopping list",
        id=SHOPPING_ID,
    )
    pact.verify(cosec.receive, "Async")
    assert cosec.outcome_of(command) == "success"
    assert cosec.sent_after(command) == [REJECT_ORDER]
    recorder.record(pact)


def test_a_list_that_cannot_be_canceled_fails_the_saga(
    recorder: PactRecorder, cosec: CosecConsumer
) -> None:
    command = cosec.saga.waiting_for(messages.CANCEL_SHOPPING_LIST)
    pact = expect_reply(
        cosec_pact(PROVIDER),
        NOT_CANCELED,
        common.FAILURE,
        {"message": match.str("the shopping list cannot be canceled")},
        answering=command,
        outcome=FAILURE,
        state="a completed shopping list",
        id=SHOPPING_ID,
    )
    pact.verify(cosec.receive, "Async")
    saga = cosec.saga.state()
    assert (saga.status, saga.error) == (
        SagaStatus.FAILED,
        "compensation create shopping list failed: the shopping list cannot be canceled",
    )
    assert cosec.sent_after(command) == []
    recorder.record(pact)
