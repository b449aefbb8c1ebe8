"""What cosec does with the messages it receives: start a saga for each new order, and
hand each reply to the saga that sent the command it answers."""

from __future__ import annotations

import logging

from mall.cosec.domain.create_order import SAGA_NAME, CreateOrderData
from mall.kernel.saga.coordinator import SagaCoordinator
from mall.kernel.saga.state import Outcome, Reply
from mall_contracts.common.messages import FAILURE, SUCCESS, Failure, ReplyInfo, Success
from mall_contracts.cosec.ports import CosecHandlers
from mall_contracts.depot.messages import CREATED_SHOPPING_LIST, CreatedShoppingList
from mall_contracts.ordering.messages import OrderCreated

log = logging.getLogger(__name__)


class CosecPolicies(CosecHandlers):
    def __init__(self, sagas: SagaCoordinator[CreateOrderData]) -> None:
        self._sagas = sagas

    async def on_order_created(self, message: OrderCreated) -> None:
        # One saga per order (saga id = order id): a redelivered OrderCreated starts nothing.
        await self._sagas.start(message.id, CreateOrderData.of(message))

    async def on_success(self, message: Success, reply: ReplyInfo) -> None:
        await self._reply(reply, SUCCESS, message)

    async def on_failure(self, message: Failure, reply: ReplyInfo) -> None:
        await self._reply(reply, FAILURE, message, message.message)

    async def on_created_shopping_list(
        self, message: CreatedShoppingList, reply: ReplyInfo
    ) -> None:
        await self._reply(reply, CREATED_SHOPPING_LIST, message)

    async def _reply(self, info: ReplyInfo, name: str, payload: object, error: str = "") -> None:
        if info.saga_name != SAGA_NAME or not info.saga_id:
            log.warning("dropping a %s reply for saga %r %r", name, info.saga_name, info.saga_id)
            return
        outcome = Outcome.SUCCESS if info.outcome == "SUCCESS" else Outcome.FAILURE
        reply = Reply(info.command_id, outcome, name, payload, error)
        if not await self._sagas.handle_reply(info.saga_id, reply):
            log.info("saga %s: %s reply to %s changed nothing", info.saga_id, name, info.command_id)
