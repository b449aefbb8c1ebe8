"""The CreateOrder saga through cosec's real handlers, with memory adapters: which commands
it sends, with which origin, for each reply."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TypeVar

import msgspec
import pytest

from mall.cosec.application.policies import CosecPolicies
from mall.cosec.application.queries import GetSaga
from mall.cosec.application.sender import SagaCommandSender
from mall.cosec.domain.create_order import CREATE_ORDER, SAGA_NAME, CreateOrderData
from mall.kernel.errors import NotFoundError
from mall.kernel.saga.coordinator import SagaCoordinator
from mall_adapters.memory.messaging import RecordingSink, SentMessage
from mall_adapters.memory.sagas import InMemorySagaStore
from mall_adapters.memory.system import FixedClock, SequentialIds
from mall_adapters.memory.unit_of_work import InMemoryUnitOfWork
from mall_adapters.messaging.generated.cosec import OutboxCosecPublisher
from mall_contracts.common.messages import Failure, ReplyInfo, Success
from mall_contracts.cosec.subjects import CREATE_ORDER_REPLIES
from mall_contracts.depot.messages import (
    CancelShoppingList,
    CreatedShoppingList,
    CreateShoppingList,
    InitiateShopping,
)
from mall_contracts.ordering.messages import (
    ApproveOrder,
    OrderCreated,
    OrderCreatedItem,
    RejectOrder,
)
from mall_contracts.payments.messages import ConfirmPayment

M = TypeVar("M", bound=msgspec.Struct)

ORDER = OrderCreated(
    id="order-1",
    customer_id="customer-1",
    payment_id="payment-1",
    items=[
        OrderCreatedItem(product_id="p1", store_id="s1", price=2.5, quantity=2),
        OrderCreatedItem(product_id="p2", store_id="s2", price=1.25, quantity=4),
    ],
)


@dataclass
class Cosec:
    sink: RecordingSink = field(default_factory=RecordingSink)
    clock: FixedClock = field(default_factory=FixedClock)

    def __post_init__(self) -> None:
        self.sagas = SagaCoordinator[CreateOrderData](
            CREATE_ORDER,
            InMemorySagaStore[CreateOrderData](),
            SagaCommandSender(OutboxCosecPublisher(self.sink)),
            InMemoryUnitOfWork(),
            self.clock,
            SequentialIds("cmd"),
            timedelta(seconds=30),
        )
        self.policies = CosecPolicies(self.sagas)

    @property
    def last(self) -> SentMessage:
        return self.sink.sent[-1]

    def last_sent(self, kind: type[M]) -> M:
        """The last message sent, which must be a `kind`."""
        message = self.last.message
        assert isinstance(message, kind), f"{self.last.name} is not a {kind.__name__}"
        return message

    def info(self, outcome: str = "SUCCESS", command_id: str | None = None) -> ReplyInfo:
        assert self.last.origin is not None
        return ReplyInfo(
            command_id=command_id or self.last.origin.command_id,
            outcome=outcome,
            saga_id=ORDER.id,
            saga_name=SAGA_NAME,
        )

    async def succeed(self) -> None:
        await self.policies.on_success(Success(), self.info())

    async def fail(self, why: str = "no") -> None:
        await self.policies.on_failure(Failure(message=why), self.info("FAILURE"))

    async def list_created(self) -> None:
        await self.policies.on_created_shopping_list(CreatedShoppingList(id="list-1"), self.info())

    def names(self) -> list[str]:
        return self.sink.names()

    async def status(self) -> str:
        return (await GetSaga(self.sagas)(ORDER.id)).saga.status


@pytest.fixture
async def cosec() -> Cosec:
    c = Cosec()
    await c.policies.on_order_created(ORDER)
    return c


async def test_a_new_order_authorizes_its_customer_with_the_reply_address(cosec: Cosec) -> None:
    assert cosec.names() == ["customersapi.AuthorizeCustomer"]
    origin = cosec.last.origin
    assert origin is not None
    assert (origin.reply_to, origin.saga_id, origin.saga_name) == (
        CREATE_ORDER_REPLIES,
        "order-1",
        SAGA_NAME,
    )
    await cosec.policies.on_order_created(ORDER)  # redelivered: still one saga, one command
    assert cosec.names() == ["customersapi.AuthorizeCustomer"]


async def test_the_happy_path_approves_with_the_shopping_list(cosec: Cosec) -> None:
    await cosec.succeed()
    assert cosec.last.name == "depotapi.CreateShoppingListCommand"
    create = cosec.last_sent(CreateShoppingList)
    assert [(i.product_id, i.store_id, i.quantity) for i in create.items] == [
        ("p1", "s1", 2),
        ("p2", "s2", 4),
    ]
    await cosec.list_created()
    assert cosec.last.name == "paymentsapi.ConfirmPayment"
    assert cosec.last_sent(ConfirmPayment).amount == 10.0
    await cosec.succeed()
    assert (cosec.last.name, cosec.last_sent(InitiateShopping).id) == (
        "depotapi.InitiateShoppingCommand",
        "list-1",
    )
    await cosec.succeed()
    assert cosec.last.name == "ordersapi.ApproveOrder"
    assert cosec.last_sent(ApproveOrder).shopping_id == "list-1"
    await cosec.succeed()
    assert await cosec.status() == "completed"
    saga = (await GetSaga(cosec.sagas)(ORDER.id)).saga
    assert [h.outcome for h in saga.history] == ["success"] * 5
    assert saga.shopping_id == "list-1"


async def test_a_refused_payment_cancels_the_list_then_rejects_the_order(cosec: Cosec) -> None:
    await cosec.succeed()
    await cosec.list_created()
    await cosec.fail("payment cannot be confirmed")
    assert cosec.last.name == "depotapi.CancelShoppingListCommand"
    assert cosec.last_sent(CancelShoppingList).id == "list-1"
    await cosec.succeed()
    assert (cosec.last.name, cosec.last_sent(RejectOrder).id) == (
        "ordersapi.RejectOrder",
        "order-1",
    )
    await cosec.succeed()
    assert await cosec.status() == "compensated"


async def test_a_disabled_customer_only_rejects_the_order(cosec: Cosec) -> None:
    await cosec.fail("customer is not authorized")
    assert cosec.names()[-1] == "ordersapi.RejectOrder"
    await cosec.succeed()
    saga = (await GetSaga(cosec.sagas)(ORDER.id)).saga
    assert (saga.status, saga.error) == (
        "compensated",
        "authorize customer failed: customer is not authorized",
    )


async def test_a_silent_step_times_out_and_compensates(cosec: Cosec) -> None:
    await cosec.succeed()
    await cosec.list_created()
    sent = len(cosec.sink.sent)
    cosec.clock.advance(31)
    assert await cosec.sagas.expire_due() == 1
    assert cosec.names()[sent:] == ["depotapi.CancelShoppingListCommand"]
    late = cosec.info(command_id="cmd-3")  # the confirm-payment command's late reply
    await cosec.policies.on_success(Success(), late)
    assert cosec.names()[sent:] == ["depotapi.CancelShoppingListCommand"]


async def test_replies_for_other_sagas_change_nothing(cosec: Cosec) -> None:
    other = ReplyInfo(command_id="cmd-1", outcome="SUCCESS", saga_id="order-1", saga_name="x")
    await cosec.policies.on_success(Success(), other)
    assert cosec.names() == ["customersapi.AuthorizeCustomer"]


async def test_an_unknown_saga_is_not_found() -> None:
    with pytest.raises(NotFoundError):
        await GetSaga(Cosec().sagas)("nope")
