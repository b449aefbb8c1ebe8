"""Provider side of `pacts/cosec-ordering.json`: ordering publishes the OrderCreated that
starts the saga, and answers ApproveOrder and RejectOrder the way the saga expects, reply
headers included.

Every message is produced by the real ordering core (in memory): OrderCreated by a basket's
checkout, each reply by its command going through ordering's command route and the real
command processor in the interaction's provider state.
"""

from __future__ import annotations

from pact.types import Message

from mall_adapters.messaging.generated.ordering import build_ordering_router
from mall_adapters.reliability.envelope import Envelope
from mall_contracts.ordering import messages
from mall_contracts.ordering.subjects import ORDER_COMMANDS
from tests.contract.ordering_consumer import SHOPPING_ID, checkout
from tests.support.contract_saga import Params, SagaParticipant, saga_command, sent_message
from tests.support.cores import OrderingCore, build_ordering_core


async def check_out(core: OrderingCore, order_id: str) -> None:
    await core.handlers.on_basket_checked_out(checkout(order_id, price=2.5, quantity=4))


async def order_created(core: OrderingCore, params: Params) -> Message:
    await check_out(core, "order-id")
    return sent_message(core.sink.sent[-1])


async def pending_order(core: OrderingCore, params: Params) -> None:
    await check_out(core, params["id"])


async def canceled_order(core: OrderingCore, params: Params) -> None:
    await check_out(core, params["id"])
    await core.service.cancel_order(params["id"])


async def approved_order(core: OrderingCore, params: Params) -> None:
    await check_out(core, params["id"])
    await core.handlers.approve_order(
        messages.ApproveOrder(id=params["id"], shopping_id=SHOPPING_ID)
    )


def approve(params: Params) -> Envelope:
    command = messages.ApproveOrder(id=params["id"], shopping_id=SHOPPING_ID)
    return saga_command(ORDER_COMMANDS, messages.APPROVE_ORDER, command)


def reject(params: Params) -> Envelope:
    command = messages.RejectOrder(id=params["id"])
    return saga_command(ORDER_COMMANDS, messages.REJECT_ORDER, command)


ORDERING = SagaParticipant(
    "ordering",
    build_ordering_core,
    build_ordering_router,
    states={
        "a pending order": pending_order,
        "a canceled order": canceled_order,
        "an approved order": approved_order,
    },
    replies={
        "an am.Success reply to ApproveOrder": approve,
        "an am.Failure reply to ApproveOrder": approve,
        "an am.Success reply to RejectOrder": reject,
        "an am.Failure reply to RejectOrder": reject,
    },
    events={"an OrderCreated message": order_created},
)


def test_ordering_produces_the_messages_cosec_expects() -> None:
    ORDERING.verify("cosec-ordering.json")
