"""The Basket aggregate: a customer's lines of store products, until canceled or checked out."""

from __future__ import annotations

from dataclasses import replace

from mall.baskets.domain.events import (
    BasketCanceled,
    BasketCheckedOut,
    BasketItem,
    BasketItemAdded,
    BasketItemRemoved,
    BasketStarted,
    BasketStatus,
    BasketV1,
)
from mall.kernel.aggregate import EventSourced
from mall.kernel.errors import BadRequestError
from mall.kernel.events import DomainEvent

CANNOT_MODIFY = "the basket cannot be modified"
NEGATIVE_QUANTITY = "the item quantity cannot be negative"
MAX_LINE_QUANTITY = 10_000
"""The most of one product a basket line holds (the line quantity is an int32 on the wire)."""
TOO_MANY = f"a basket line cannot hold more than {MAX_LINE_QUANTITY} of a product"


class Basket(EventSourced[BasketV1]):
    NAME = "baskets.Basket"
    EVENTS = (BasketStarted, BasketItemAdded, BasketItemRemoved, BasketCanceled, BasketCheckedOut)
    SNAPSHOT = BasketV1

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.customer_id = ""
        self.payment_id = ""
        self.status = BasketStatus.UNKNOWN
        self._items: dict[str, BasketItem] = {}  # by product id, in first-added order

    @property
    def items(self) -> tuple[BasketItem, ...]:
        return tuple(self._items.values())

    @classmethod
    def start(cls, basket_id: str, customer_id: str) -> Basket:
        if not customer_id.strip():
            raise BadRequestError("the customer id cannot be blank")
        basket = cls(basket_id)
        basket.record(BasketStarted(customer_id=customer_id))
        return basket

    def cancel(self) -> None:
        if self.status is not BasketStatus.OPEN:
            raise BadRequestError("the basket cannot be cancelled")
        self.record(BasketCanceled())

    def checkout(self, payment_id: str) -> None:
        try:
            if self.status is not BasketStatus.OPEN:
                raise BadRequestError(CANNOT_MODIFY)
            if not self._items:
                raise BadRequestError("the basket has no items")
            if not payment_id.strip():
                raise BadRequestError("the payment id cannot be blank")
        except BadRequestError as error:
            raise error.wrap("baskets checkout") from None
        self.record(BasketCheckedOut(payment_id=payment_id))

    def add_item(self, item: BasketItem) -> None:
        """Adds a line, or adds `item.quantity` to the product's line (keeping its price); a
        line holds at most `MAX_LINE_QUANTITY`."""
        self._require_changeable(item.quantity)
        line = self._items.get(item.product_id)
        if (line.quantity if line else 0) + item.quantity > MAX_LINE_QUANTITY:
            raise BadRequestError(TOO_MANY)
        self.record(BasketItemAdded(item=item))

    def remove_item(self, product_id: str, quantity: int) -> None:
        """Takes `quantity` off the product's line (all of it: the line goes); a product that
        is not in the basket changes nothing."""
        self._require_changeable(quantity)
        if product_id in self._items:
            self.record(BasketItemRemoved(product_id=product_id, quantity=quantity))

    def _require_changeable(self, quantity: int) -> None:
        if self.status is not BasketStatus.OPEN:
            raise BadRequestError(CANNOT_MODIFY)
        if quantity < 0:
            raise BadRequestError(NEGATIVE_QUANTITY)

    def apply(self, event: DomainEvent) -> None:
        match event:
            case BasketStarted(customer_id=customer_id):
                self.customer_id, self.status = customer_id, BasketStatus.OPEN
            case BasketItemAdded(item=item):
                line = self._items.get(item.product_id)
                quantity = item.quantity if line is None else line.quantity + item.quantity
                self._items[item.product_id] = replace(line or item, quantity=quantity)
            case BasketItemRemoved(product_id=product_id, quantity=quantity):
                line = self._items[product_id]
                if line.quantity - quantity <= 0:
                    del self._items[product_id]
                else:
                    self._items[product_id] = replace(line, quantity=line.quantity - quantity)
            case BasketCanceled():
                self._items.clear()
                self.status = BasketStatus.CANCELED
            case BasketCheckedOut(payment_id=payment_id):
                self.payment_id, self.status = payment_id, BasketStatus.CHECKED_OUT
            case _:
                raise TypeError(f"{self.NAME} cannot apply {type(event).__name__}")

    def snapshot(self) -> BasketV1:
        return BasketV1(
            customer_id=self.customer_id,
            payment_id=self.payment_id,
            items=self.items,
            status=self.status,
        )

    def restore(self, snapshot: BasketV1) -> None:
        self.customer_id, self.payment_id = snapshot.customer_id, snapshot.payment_id
        self._items = {item.product_id: item for item in snapshot.items}
        self.status = snapshot.status
