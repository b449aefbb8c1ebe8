"""Order use cases through the REST port: create, get, cancel; their rules and messages."""

from __future__ import annotations

import pytest

from mall.kernel.errors import BadRequestError, NotFoundError
from mall_contracts.ordering import http, messages
from tests.unit.ordering.conftest import OrderingCore

NOT_FOUND = "^order with that ID does not exist$"
LINE = http.OrderItem(
    store_id="s1", product_id="p1", store_name="Store", product_name="Wand", price=2.5, quantity=4
)


def request(
    items: list[http.OrderItem] | None = None, customer_id: str = "c1", payment_id: str = "pay-1"
) -> http.CreateOrderRequest:
    return http.CreateOrderRequest(
        items=[LINE] if items is None else items, customer_id=customer_id, payment_id=payment_id
    )


async def test_create_reads_back_pending_and_publishes(core: OrderingCore) -> None:
    order_id = (await core.service.create_order(request())).id
    assert await core.order(order_id) == http.Order(
        id=order_id,
        customer_id="c1",
        payment_id="pay-1",
        items=[
            http.OrderLine(
                store_id="s1",
                product_id="p1",
                store_name="Store",
                product_name="Wand",
                price=2.5,
                quantity=4,
            )
        ],
        status="pending",
        shopping_id="",
        invoice_id="",
    )
    assert [(m.name, m.message) for m in core.sink.sent] == [
        (
            messages.ORDER_CREATED,
            messages.OrderCreated(
                id=order_id,
                customer_id="c1",
                payment_id="pay-1",
                items=[
                    messages.OrderCreatedItem(product_id="p1", store_id="s1", price=2.5, quantity=4)
                ],
            ),
        )
    ]


async def test_each_create_is_a_new_order(core: OrderingCore) -> None:
    first = (await core.service.create_order(request())).id
    second = (await core.service.create_order(request())).id
    assert first != second
    assert set(core.events.streams) == {first, second}


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (request(items=[], customer_id="", payment_id=""), "the order has no items"),
        (request(customer_id=" ", payment_id=""), "the customer id cannot be blank"),
        (request(payment_id=""), "the payment id cannot be blank"),
    ],
)
async def test_create_rules_in_order(
    core: OrderingCore, body: http.CreateOrderRequest, error: str
) -> None:
    with pytest.raises(BadRequestError, match=rf"^create order command: {error}$"):
        await core.service.create_order(body)
    assert core.sink.sent == []
    assert core.events.streams == {}


async def test_unknown_orders_are_not_found(core: OrderingCore) -> None:
    for call in (core.service.get_order("nope"), core.service.cancel_order("nope")):
        with pytest.raises(NotFoundError, match=NOT_FOUND):
            await call
    assert core.sink.sent == []


@pytest.mark.parametrize("steps", [0, 1, 2])
async def test_cancel_while_pending_approved_or_ready(core: OrderingCore, steps: int) -> None:
    order_id = await core.checkout()
    if steps >= 1:
        await core.approve(order_id, "list-9")
    if steps >= 2:
        await core.shopping_done(order_id, "list-9")
    await core.service.cancel_order(order_id)
    assert await core.status(order_id) == "cancelled"
    assert core.sink.sent[-1].message == messages.OrderCanceled(
        id=order_id,
        customer_id="cust-1",
        payment_id="pay-1",
        shopping_id="list-9" if steps else "",
        total=24.98,
    )
    with pytest.raises(BadRequestError, match=r"^the order cannot be cancelled$"):
        await core.service.cancel_order(order_id)
    assert core.sink.names().count(messages.ORDER_CANCELED) == 1


async def test_rejected_and_completed_orders_cannot_be_cancelled(core: OrderingCore) -> None:
    rejected, completed = await core.checkout("b1"), await core.checkout("b2")
    await core.reject(rejected)
    await core.approve(completed)
    await core.shopping_done(completed)
    await core.invoice_paid(completed)
    sent = len(core.sink.sent)
    for order_id in (rejected, completed):
        with pytest.raises(BadRequestError, match=r"^the order cannot be cancelled$"):
            await core.service.cancel_order(order_id)
    assert len(core.sink.sent) == sent
