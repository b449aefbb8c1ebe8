"""The ordering side of the messages it consumes, for its consumer Pact tests.

Each interaction's example message goes the way a JetStream delivery goes: the routes the
generated binding builds (`build_ordering_router`), picked by the message's subject and name,
decode the body into the contract Struct and call the real `OrderingPolicies`, here over the
in-memory event store; a saga command goes through the real command processor (`commands`).
The tests then check what the message did to the order. `checkout` is the message that
makes an order, for the tests on either side that need one.
"""

from __future__ import annotations

from dataclasses import dataclass

from mall.ordering.domain.order import Order
from mall_adapters.messaging.generated.ordering import build_ordering_router
from mall_contracts.baskets import messages as baskets
from mall_contracts.depot import messages as depot
from mall_contracts.ordering import messages
from tests.support.contract_consumer import RecordingConsumer
from tests.support.contract_pacts import run_sync
from tests.support.contract_saga import SagaCommands
from tests.support.cores import OrderingCore, build_ordering_core

CONSUMER = "ordering"
ORDER_ID = "order-id"
SHOPPING_ID = "shopping-list-id"


@dataclass
class OrderingConsumer:
    """The real ordering handlers behind the generated routes, over an in-memory core."""

    core: OrderingCore
    consumer: RecordingConsumer
    commands: SagaCommands

    @classmethod
    def build(cls) -> OrderingConsumer:
        core = build_ordering_core()
        consumer = RecordingConsumer()
        build_ordering_router(core.handlers, consumer)
        return cls(core, consumer, SagaCommands(consumer))

    def receive(self, body: str | bytes | None, metadata: dict[str, object]) -> None:
        """One delivery of an event: the route for its subject and name runs on the body."""
        self.consumer.deliver(body, metadata)

    def order(self, order_id: str = ORDER_ID) -> Order | None:
        return run_sync(self.core.events.load(order_id))

    def seed(self, status: str) -> None:
        """An order `ORDER_ID`, brought to `status` (pending, approved, ready, rejected or
        canceled)."""
        handlers = self.core.handlers
        run_sync(handlers.on_basket_checked_out(checkout(ORDER_ID, price=2.0, quantity=1)))
        if status in ("approved", "ready"):
            approve = messages.ApproveOrder(id=ORDER_ID, shopping_id=SHOPPING_ID)
            run_sync(handlers.approve_order(approve))
        if status == "ready":
            completed = depot.ShoppingListCompleted(id=SHOPPING_ID, order_id=ORDER_ID)
            run_sync(handlers.on_shopping_list_completed(completed))
        if status == "rejected":
            run_sync(handlers.reject_order(messages.RejectOrder(id=ORDER_ID)))
        if status == "canceled":
            run_sync(self.core.service.cancel_order(ORDER_ID))


def checkout(order_id: str, *, price: float, quantity: int) -> baskets.BasketCheckedOut:
    """A basket checked out as the order `order_id`: one line, `quantity` of `TheProduct` of
    `TheStore` at `price`, for `customer-id`, paid by `payment-id`."""
    line = baskets.BasketCheckedOutItem(
        store_id="store-id",
        product_id="product-id",
        store_name="TheStore",
        product_name="TheProduct",
        price=price,
        quantity=quantity,
    )
    return baskets.BasketCheckedOut(
        id=order_id, customer_id="customer-id", payment_id="payment-id", items=[line]
    )
