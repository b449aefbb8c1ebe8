"""Consumer side of `pacts/cosec-customers.json`: customers' replies to AuthorizeCustomer move
a saga waiting for them on (an authorized customer) or back (the order is rejected)."""

from __future__ import annotations

import pytest
from pact import match

from mall_contracts.common import messages as common
from mall_contracts.customers.messages import AUTHORIZE_CUSTOMER
from mall_contracts.depot.messages import CREATE_SHOPPING_LIST
from mall_contracts.ordering.messages import REJECT_ORDER
from tests.contract.cosec_consumer import SagaReply, check_reply
from tests.support.contract_pacts import PactRecorder, pact_recorder
from tests.support.cosec_saga import ORDER

CUSTOMER = {"id": ORDER.customer_id}
REPLIES = [
    SagaReply(
        "an authorized customer moves the saga to the shopping list",
        "an am.Success reply to AuthorizeCustomer",
        AUTHORIZE_CUSTOMER,
        common.SUCCESS,
        {},
        given=("an enabled customer", CUSTOMER),
        sends=[CREATE_SHOPPING_LIST],
    ),
    SagaReply(
        "an unauthorized customer rejects the order",
        "an am.Failure reply to AuthorizeCustomer",
        AUTHORIZE_CUSTOMER,
        common.FAILURE,
        {"message": match.str("customer is not authorized")},
        given=("a disabled customer", CUSTOMER),
        sends=[REJECT_ORDER],
        compensating=True,
        error="authorize customer failed: customer is not authorized",
    ),
]
recorder = pact_recorder("cosec", "customers", [reply.description for reply in REPLIES])


@pytest.mark.parametrize("reply", REPLIES, ids=lambda reply: reply.intent)
def test_a_reply_moves_the_saga(reply: SagaReply, recorder: PactRecorder) -> None:
    check_reply(reply, recorder)
