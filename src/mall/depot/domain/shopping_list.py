"""The ShoppingList aggregate: an order's stops, from pending until completed or canceled."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mall.depot.domain.events import (
    ShoppingListAssigned,
    ShoppingListCanceled,
    ShoppingListCompleted,
    ShoppingListCreated,
    ShoppingListInitiated,
    ShoppingListStatus,
    Stop,
    StopItem,
)
from mall.kernel.aggregate import Aggregate
from mall.kernel.errors import BadRequestError
from mall.kernel.events import DomainEvent

Status = ShoppingListStatus
CANCELABLE = frozenset({Status.PENDING, Status.AVAILABLE, Status.ASSIGNED, Status.ACTIVE})
CHANGED_CONCURRENTLY = "the shopping list was changed by another request at the same time; retry"
"""The `ConflictError` of a save that lost to another writer (or a second live list)."""


@dataclass(frozen=True)
class ListLine:
    """One requested item, with its store and product as they were looked up."""

    store_id: str
    store_name: str
    store_location: str
    product_id: str
    product_name: str
    quantity: int


@dataclass(frozen=True)
class ShoppingListState:
    """Everything a repository stores about a list besides its id and version."""

    order_id: str
    stops: tuple[Stop, ...]
    assigned_bot_id: str
    status: ShoppingListStatus


def plan_stops(lines: Iterable[ListLine]) -> tuple[Stop, ...]:
    """One stop per store, in the order the stores first appear; within a stop a product
    listed again keeps its first quantity (the reference's rule)."""
    stops: dict[str, tuple[ListLine, dict[str, StopItem]]] = {}
    for line in lines:
        _first, items = stops.setdefault(line.store_id, (line, {}))
        items.setdefault(
            line.product_id, StopItem(line.product_id, line.product_name, line.quantity)
        )
    return tuple(
        Stop(first.store_id, first.store_name, first.store_location, tuple(items.values()))
        for first, items in stops.values()
    )


class ShoppingList(Aggregate):
    NAME = "depot.ShoppingList"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.order_id = ""
        self.stops: tuple[Stop, ...] = ()
        self.assigned_bot_id = ""
        self.status = Status.PENDING

    @classmethod
    def create(cls, list_id: str, order_id: str, lines: Iterable[ListLine]) -> ShoppingList:
        """A pending list for the order."""
        if not order_id.strip():
            raise BadRequestError("the order id cannot be blank")
        shopping = cls(list_id)
        shopping.record(ShoppingListCreated(order_id=order_id, stops=plan_stops(lines)))
        return shopping

    @classmethod
    def stored(cls, list_id: str, state: ShoppingListState, version: int) -> ShoppingList:
        """Rebuild a saved list (repositories only); nothing is pending."""
        shopping = cls(list_id)
        shopping.order_id, shopping.stops = state.order_id, state.stops
        shopping.assigned_bot_id, shopping.status = state.assigned_bot_id, state.status
        shopping.version = version
        return shopping

    def state(self) -> ShoppingListState:
        return ShoppingListState(self.order_id, self.stops, self.assigned_bot_id, self.status)

    @property
    def live(self) -> bool:
        """Not canceled: an order has at most one live list."""
        return self.status is not Status.CANCELED

    @property
    def cancelable(self) -> bool:
        return self.status in CANCELABLE

    def initiate(self) -> None:
        """The list becomes available to bots."""
        if self.status is not Status.PENDING:
            raise BadRequestError("the shopping list cannot be initiated")
        self.record(ShoppingListInitiated())

    def assign(self, bot_id: str) -> None:
        if self.status is not Status.AVAILABLE:
            raise BadRequestError("the shopping list cannot be assigned")
        if not bot_id.strip():
            raise BadRequestError("the bot id cannot be blank")
        self.record(ShoppingListAssigned(bot_id=bot_id))

    def complete(self) -> None:
        if self.status is not Status.ASSIGNED:
            raise BadRequestError("the shopping list cannot be completed")
        self.record(ShoppingListCompleted())

    def cancel(self) -> None:
        if not self.cancelable:
            raise BadRequestError("the shopping list cannot be canceled")
        self.record(ShoppingListCanceled())

    def withdraw(self) -> None:
        """The saga's compensation: cancel, where a list already canceled (its order was
        canceled meanwhile) is what the compensation wants, so it succeeds unchanged."""
        if self.status is not Status.CANCELED:
            self.cancel()

    def apply(self, event: DomainEvent) -> None:
        match event:
            case ShoppingListCreated(order_id=order_id, stops=stops):
                self.order_id, self.stops, self.status = order_id, stops, Status.PENDING
            case ShoppingListInitiated():
                self.status = Status.AVAILABLE
            case ShoppingListAssigned(bot_id=bot_id):
                self.assigned_bot_id, self.status = bot_id, Status.ASSIGNED
            case ShoppingListCompleted():
                self.status = Status.COMPLETED
            case ShoppingListCanceled():
                self.status = Status.CANCELED
            case _:
                raise TypeError(f"{self.NAME} cannot apply {type(event).__name__}")
