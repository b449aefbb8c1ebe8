"""`SagaCommandSender`: the saga engine's commands, sent through cosec's outbox."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from mall.kernel.saga.ports import SagaCommands
from mall.kernel.saga.state import Outgoing
from mall_contracts.common.messages import CommandOrigin
from mall_contracts.cosec.ports import CosecPublisher
from mall_contracts.cosec.subjects import CREATE_ORDER_REPLIES
from mall_contracts.customers import messages as customers
from mall_contracts.depot import messages as depot
from mall_contracts.ordering import messages as ordering
from mall_contracts.payments import messages as payments


class SagaCommandSender(SagaCommands):
    def __init__(self, publisher: CosecPublisher) -> None:
        p = publisher
        self._send: dict[str, Callable[[Any, CommandOrigin], Awaitable[None]]] = {
            customers.AUTHORIZE_CUSTOMER: p.authorize_customer,
            depot.CREATE_SHOPPING_LIST: p.create_shopping_list,
            depot.CANCEL_SHOPPING_LIST: p.cancel_shopping_list,
            depot.INITIATE_SHOPPING: p.initiate_shopping,
            payments.CONFIRM_PAYMENT: p.confirm_payment,
            ordering.REJECT_ORDER: p.reject_order,
            ordering.APPROVE_ORDER: p.approve_order,
        }

    async def send(self, outgoing: Outgoing) -> None:
        origin = CommandOrigin(
            command_id=outgoing.command_id,
            reply_to=CREATE_ORDER_REPLIES,
            saga_id=outgoing.saga_id,
            saga_name=outgoing.saga_name,
        )
        await self._send[outgoing.command.name](outgoing.command.payload, origin)
