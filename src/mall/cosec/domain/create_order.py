"""The CreateOrder saga (the reference's steps, with replies matched to their command and a
timeout per step handled by the engine)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from mall.kernel.saga.definition import SagaCommand, SagaDefinition, Step
from mall_contracts.customers import messages as customers
from mall_contracts.depot import messages as depot
from mall_contracts.ordering import messages as ordering
from mall_contracts.payments import messages as payments

SAGA_NAME = "cosec.CreateOrder"


@dataclass(frozen=True)
class Item:
    product_id: str
    store_id: str
    price: float
    quantity: int


@dataclass(frozen=True)
class CreateOrderData:
    order_id: str
    customer_id: str
    payment_id: str
    items: tuple[Item, ...]
    total: float
    shopping_id: str = ""

    @classmethod
    def of(cls, created: ordering.OrderCreated) -> CreateOrderData:
        items = tuple(Item(i.product_id, i.store_id, i.price, i.quantity) for i in created.items)
        return cls(
            order_id=created.id,
            customer_id=created.customer_id,
            payment_id=created.payment_id,
            items=items,
            total=round(sum(i.price * i.quantity for i in items), 4),
        )


def _reject(data: CreateOrderData) -> SagaCommand:
    return SagaCommand(ordering.REJECT_ORDER, ordering.RejectOrder(id=data.order_id))


def _authorize(data: CreateOrderData) -> SagaCommand:
    return SagaCommand(
        customers.AUTHORIZE_CUSTOMER, customers.AuthorizeCustomer(id=data.customer_id)
    )


def _create_list(data: CreateOrderData) -> SagaCommand:
    items = [
        depot.ShoppingItem(product_id=i.product_id, store_id=i.store_id, quantity=i.quantity)
        for i in data.items
    ]
    command = depot.CreateShoppingList(order_id=data.order_id, items=items)
    return SagaCommand(depot.CREATE_SHOPPING_LIST, command)


def _cancel_list(data: CreateOrderData) -> SagaCommand:
    return SagaCommand(depot.CANCEL_SHOPPING_LIST, depot.CancelShoppingList(id=data.shopping_id))


def _list_created(data: CreateOrderData, reply: object) -> CreateOrderData:
    assert isinstance(reply, depot.CreatedShoppingList)
    return replace(data, shopping_id=reply.id)


def _confirm_payment(data: CreateOrderData) -> SagaCommand:
    command = payments.ConfirmPayment(id=data.payment_id, amount=data.total)
    return SagaCommand(payments.CONFIRM_PAYMENT, command)


def _initiate_shopping(data: CreateOrderData) -> SagaCommand:
    return SagaCommand(depot.INITIATE_SHOPPING, depot.InitiateShopping(id=data.shopping_id))


def _approve(data: CreateOrderData) -> SagaCommand:
    command = ordering.ApproveOrder(id=data.order_id, shopping_id=data.shopping_id)
    return SagaCommand(ordering.APPROVE_ORDER, command)


CREATE_ORDER: SagaDefinition[CreateOrderData] = SagaDefinition(
    SAGA_NAME,
    (
        Step("reject order", compensation=_reject),
        Step("authorize customer", action=_authorize),
        Step(
            "create shopping list",
            action=_create_list,
            compensation=_cancel_list,
            on_reply={depot.CREATED_SHOPPING_LIST: _list_created},
        ),
        Step("confirm payment", action=_confirm_payment),
        Step("initiate shopping", action=_initiate_shopping),
        Step("approve order", action=_approve),
    ),
)
"""Steps 1-5 run forward; a failure at step N compensates the steps before N that have a
compensation, newest first (cancel the shopping list, then reject the order)."""
