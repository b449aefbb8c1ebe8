"""`SagaDriver`: the real create-order saga (cosec's core, in memory) brought to the step where
it waits for the reply to a given command, for the contract tests of cosec on both sides.

Setting up goes through cosec's reply handlers with the reply headers of the command the saga
sent last, exactly as a participant's reply would; the commands are read back from cosec's
outbox as they go on the wire.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mall.cosec.domain.create_order import CreateOrderData
from mall.kernel.saga.state import SagaState
from mall_adapters.reliability.envelope import (
    FAILURE,
    HEADER_SAGA_ID,
    HEADER_SAGA_NAME,
    SUCCESS,
    Envelope,
)
from mall_contracts.common.messages import Failure, ReplyInfo, Success
from mall_contracts.customers import messages as customers
from mall_contracts.depot import messages as depot
from mall_contracts.ordering import messages as ordering
from mall_contracts.payments import messages as payments
from tests.support.contract_pacts import run_sync
from tests.support.cores import CosecCore, build_cosec_core

ORDER_ID = "order-id"
SHOPPING_ID = "shopping-list-id"
ORDER = ordering.OrderCreated(
    id=ORDER_ID,
    customer_id="customer-id",
    payment_id="payment-id",
    items=[
        ordering.OrderCreatedItem(
            product_id="product-id", store_id="store-id", price=21.25, quantity=2
        )
    ],
)
"""One line of two items: the saga asks for a payment of 42.5 and a list of one line."""

Answer = Callable[["SagaDriver"], None]


def succeed(saga: SagaDriver) -> None:
    saga.succeed()


def fail(saga: SagaDriver) -> None:
    saga.fail("step refused")


def list_created(saga: SagaDriver) -> None:
    saga.list_created()


# The saga's situations in which it sends each participant's command: the provider states of
# the participants' command pacts (`pacts/<participant>-cosec.json`). A command is the same
# message whatever the participant answers, so its scenario serves all of them.
STARTED = "the create-order saga started for a new order"
AUTHORIZED = "the create-order saga authorized the customer"
LIST_CREATED = "the create-order saga created the shopping list"
PAYMENT_CONFIRMED = "the create-order saga confirmed the payment"
SHOPPING_INITIATED = "the create-order saga initiated the shopping"
PAYMENT_REFUSED = "the create-order saga compensates a refused payment"
CUSTOMER_REFUSED = "the create-order saga compensates an unauthorized customer"

ROUTES: dict[str, tuple[Answer, ...]] = {
    # The answers that bring a new saga to the step waiting on each command's reply.
    customers.AUTHORIZE_CUSTOMER: (),
    depot.CREATE_SHOPPING_LIST: (succeed,),
    payments.CONFIRM_PAYMENT: (succeed, list_created),
    depot.INITIATE_SHOPPING: (succeed, list_created, succeed),
    ordering.APPROVE_ORDER: (succeed, list_created, succeed, succeed),
    depot.CANCEL_SHOPPING_LIST: (succeed, list_created, fail),  # the payment was refused
    ordering.REJECT_ORDER: (fail,),  # the customer was not authorized
}

SCENARIOS: dict[str, str] = {
    # scenario -> the command the saga sends in it (`SagaDriver.waiting_for`)
    STARTED: customers.AUTHORIZE_CUSTOMER,
    AUTHORIZED: depot.CREATE_SHOPPING_LIST,
    LIST_CREATED: payments.CONFIRM_PAYMENT,
    PAYMENT_CONFIRMED: depot.INITIATE_SHOPPING,
    SHOPPING_INITIATED: ordering.APPROVE_ORDER,
    PAYMENT_REFUSED: depot.CANCEL_SHOPPING_LIST,
    CUSTOMER_REFUSED: ordering.REJECT_ORDER,
}


@dataclass
class SagaDriver:
    core: CosecCore

    @classmethod
    def build(cls) -> SagaDriver:
        return cls(build_cosec_core())

    def start(self, order: ordering.OrderCreated = ORDER) -> Envelope:
        run_sync(self.core.handlers.on_order_created(order))
        return self.last()

    def waiting_for(self, command: str) -> Envelope:
        """Start the saga and answer its commands until it sent `command`; returns that
        command as it went on the wire, the saga waiting for its reply."""
        self.start()
        for answer in ROUTES[command]:
            answer(self)
        sent = self.last()
        assert sent.name == command, f"the saga sent {sent.name}, not {command}"
        return sent

    def last(self) -> Envelope:
        return self.core.sent()[-1]

    def names(self) -> list[str]:
        return [envelope.name for envelope in self.core.sent()]

    def state(self, saga_id: str = ORDER_ID) -> SagaState[CreateOrderData]:
        state = run_sync(self.core.sagas.get(saga_id))
        assert state is not None
        return state

    def succeed(self) -> None:
        run_sync(self.core.handlers.on_success(Success(), self._info(SUCCESS)))

    def fail(self, why: str) -> None:
        run_sync(self.core.handlers.on_failure(Failure(message=why), self._info(FAILURE)))

    def list_created(self) -> None:
        reply = depot.CreatedShoppingList(id=SHOPPING_ID)
        run_sync(self.core.handlers.on_created_shopping_list(reply, self._info(SUCCESS)))

    def _info(self, outcome: str) -> ReplyInfo:
        """The reply headers of an answer to the command the saga sent last."""
        command = self.last()
        return ReplyInfo(
            command_id=command.id,
            outcome=outcome,
            saga_id=command.extra_headers[HEADER_SAGA_ID],
            saga_name=command.extra_headers[HEADER_SAGA_NAME],
        )
