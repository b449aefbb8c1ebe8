"""Consumer side of `pacts/cosec-depot.json`: depot's replies to CreateShoppingList,
InitiateShopping and CancelShoppingList move a saga waiting for them on, back (compensating)
or, for a failed compensation, to its end as failed."""

from __future__ import annotations

import pytest
from pact import match

from mall.kernel.saga.state import SagaStatus
from mall_contracts.common import messages as common
from mall_contracts.depot import messages
from mall_contracts.ordering.messages import APPROVE_ORDER, REJECT_ORDER
from mall_contracts.payments.messages import CONFIRM_PAYMENT
from tests.contract.cosec_consumer import CosecConsumer, SagaReply, check_reply
from tests.support.contract_pacts import PactRecorder, pact_recorder
from tests.support.cosec_saga import SHOPPING_ID

ITEM = {"store_id": "store-id", "product_id": "product-id"}  # the order's one line
LIST = {"id": SHOPPING_ID}
REFUSED = "confirm payment failed: step refused"  # how the saga came to cancel the list
NOT_LOCATED = "building shopping list: store 'store-id' was not located"


def keeps_the_new_list(cosec: CosecConsumer) -> None:
    assert cosec.saga.state().data.shopping_id == "new-shopping-list-id"


REPLIES = [
    SagaReply(
        "a created list is kept and the payment confirmed",
        "a CreatedShoppingListReply to CreateShoppingList",
        messages.CREATE_SHOPPING_LIST,
        messages.CREATED_SHOPPING_LIST,
        {"id": match.str("new-shopping-list-id")},
        given=("a store with the product", ITEM),
        sends=[CONFIRM_PAYMENT],
        also=keeps_the_new_list,
    ),
    SagaReply(
        "a list that cannot be built rejects the order",
        "an am.Failure reply to CreateShoppingList",
        messages.CREATE_SHOPPING_LIST,
        common.FAILURE,
        {"message": match.str(NOT_LOCATED)},
        given=("an unknown store", ITEM),
        sends=[REJECT_ORDER],  # nothing was built: nothing to cancel
        compensating=True,
        error=f"create shopping list failed: {NOT_LOCATED}",
    ),
    SagaReply(
        "initiated shopping approves the order",
        "an am.Success reply to InitiateShopping",
        messages.INITIATE_SHOPPING,
        common.SUCCESS,
        {},
        given=("a pending shopping list", LIST),
        sends=[APPROVE_ORDER],
    ),
    SagaReply(
        "shopping that cannot be initiated cancels the list",
        "an am.Failure reply to InitiateShopping",
        messages.INITIATE_SHOPPING,
        common.FAILURE,
        {"message": match.str("the shopping list cannot be initiated")},
        given=("a canceled shopping list", LIST),
        sends=[messages.CANCEL_SHOPPING_LIST],
        compensating=True,
        error="initiate shopping failed: the shopping list cannot be initiated",
    ),
    SagaReply(
        "a canceled list goes on to reject the order",
        "an am.Success reply to CancelShoppingList",
        messages.CANCEL_SHOPPING_LIST,
        common.SUCCESS,
        {},
        given=("a pending shopping list", LIST),
        sends=[REJECT_ORDER],
        compensating=True,
        error=REFUSED,
    ),
    SagaReply(
        "a list that cannot be canceled fails the saga",
        "an am.Failure reply to CancelShoppingList",
        messages.CANCEL_SHOPPING_LIST,
        common.FAILURE,
        {"message": match.str("the shopping list cannot be canceled")},
        given=("a completed shopping list", LIST),
        sends=[],
        status=SagaStatus.FAILED,
        compensating=True,
        error="compensation create shopping list failed: the shopping list cannot be canceled",
    ),
]
recorder = pact_recorder("cosec", "depot", [reply.description for reply in REPLIES])


@pytest.mark.parametrize("reply", REPLIES, ids=lambda reply: reply.intent)
def test_a_reply_moves_the_saga(reply: SagaReply, recorder: PactRecorder) -> None:
    check_reply(reply, recorder)
