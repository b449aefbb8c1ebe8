"""The Order aggregate: a customer's lines from checkout until completed, rejected or
cancelled.

```
unknown --create--> pending --approve--> approved --ready--> ready --complete--> completed
                    pending --reject--> rejected
     pending, approved, ready --cancel--> cancelled
```

The saga's commands are idempotent for the state they lead to: rejecting a rejected order,
or approving an order approved with the same shopping list, changes nothing and succeeds
(a saga that resends a command after a lost reply gets its success again).
"""

from __future__ import annotations

from collections.abc import Sequence

from mall.kernel.aggregate import EventSourced
from mall.kernel.errors import BadRequestError
from mall.kernel.events import DomainEvent
from mall.ordering.domain.events import (
    OrderApproved,
    OrderCanceled,
    OrderCompleted,
    OrderCreated,
    OrderItem,
    OrderReadied,
    OrderRejected,
    OrderStatus,
    OrderV1,
)

MAX_TOTAL = 999_999_999_999.9999
"""The largest order total the messages carry (`ordersapi.OrderReadied.total`)."""
CANCELABLE = frozenset({OrderStatus.PENDING, OrderStatus.APPROVED, OrderStatus.READY})


class Order(EventSourced[OrderV1]):
    NAME = "ordering.Order"
    EVENTS = (
        OrderCreated,
        OrderRejected,
        OrderApproved,
        OrderReadied,
        OrderCanceled,
        OrderCompleted,
    )
    SNAPSHOT = OrderV1

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.customer_id = ""
        self.payment_id = ""
        self.shopping_id = ""
        self.invoice_id = ""
        self.items: tuple[OrderItem, ...] = ()
        self.status = OrderStatus.UNKNOWN

    @property
    def total(self) -> float:
        """The sum of price times quantity over the lines."""
        return sum(item.price * item.quantity for item in self.items)

    def create(self, customer_id: str, payment_id: str, items: Sequence[OrderItem]) -> None:
        """Start the order as pending; the reference's checks, in its order."""
        try:
            if self.status is not OrderStatus.UNKNOWN:
                raise BadRequestError("the order cannot be recreated")
            if not items:
                raise BadRequestError("the order has no items")
            if not customer_id.strip():
                raise BadRequestError("the customer id cannot be blank")
            if not payment_id.strip():
                raise BadRequestError("the payment id cannot be blank")
            if sum(item.price * item.quantity for item in items) > MAX_TOTAL:
                raise BadRequestError(f"the order total cannot exceed {MAX_TOTAL}")
        except BadRequestError as error:
            raise error.wrap("create order command") from None
        self.record(
            OrderCreated(customer_id=customer_id, payment_id=payment_id, items=tuple(items))
        )

    def reject(self) -> None:
        # Rejecting is the saga's compensation: an order already rejected, or canceled by its
        # customer meanwhile, is where the compensation wants it, so it succeeds unchanged.
        if self.status in (OrderStatus.REJECTED, OrderStatus.CANCELLED):
            return
        if self.status is not OrderStatus.PENDING:
            raise BadRequestError("the order cannot be rejected")
        self.record(OrderRejected())

    def approve(self, shopping_id: str) -> None:
        if not shopping_id.strip():
            raise BadRequestError("the shopping id cannot be blank")
        if self.status is OrderStatus.APPROVED and self.shopping_id == shopping_id:
            return
        if self.status is not OrderStatus.PENDING:
            raise BadRequestError("the order cannot be approved")
        self.record(OrderApproved(shopping_id=shopping_id))

    def ready(self) -> None:
        """The shopping is done; the invoice payments creates for the order has its id."""
        if self.status is not OrderStatus.APPROVED:
            raise BadRequestError("the order cannot be readied")
        self.record(OrderReadied(invoice_id=self.id))

    def complete(self, invoice_id: str) -> None:
        if self.status is not OrderStatus.READY:
            raise BadRequestError("the order cannot be completed")
        self.record(OrderCompleted(invoice_id=invoice_id))

    def cancel(self) -> None:
        if self.status not in CANCELABLE:
            raise BadRequestError("the order cannot be cancelled")
        self.record(OrderCanceled())

    def apply(self, event: DomainEvent) -> None:
        match event:
            case OrderCreated(customer_id=customer_id, payment_id=payment_id, items=items):
                self.customer_id, self.payment_id = customer_id, payment_id
                self.items, self.status = items, OrderStatus.PENDING
            case OrderRejected():
                self.status = OrderStatus.REJECTED
            case OrderApproved(shopping_id=shopping_id):
                self.shopping_id, self.status = shopping_id, OrderStatus.APPROVED
            case OrderReadied(invoice_id=invoice_id):
                self.invoice_id, self.status = invoice_id, OrderStatus.READY
            case OrderCanceled():
                self.status = OrderStatus.CANCELLED
            case OrderCompleted(invoice_id=invoice_id):
                self.invoice_id, self.status = invoice_id, OrderStatus.COMPLETED
            case _:
                raise TypeError(f"{self.NAME} cannot apply {type(event).__name__}")

    def snapshot(self) -> OrderV1:
        return OrderV1(
            customer_id=self.customer_id,
            payment_id=self.payment_id,
            shopping_id=self.shopping_id,
            invoice_id=self.invoice_id,
            items=self.items,
            status=self.status,
        )

    def restore(self, snapshot: OrderV1) -> None:
        self.customer_id, self.payment_id = snapshot.customer_id, snapshot.payment_id
        self.shopping_id, self.invoice_id = snapshot.shopping_id, snapshot.invoice_id
        self.items, self.status = tuple(snapshot.items), snapshot.status
