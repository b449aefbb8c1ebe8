"""The messages ordering receives: checkout, the saga's commands, shopping done, invoice paid;
one published message per change, and messages that cannot apply change nothing."""

from __future__ import annotations

import pytest

from mall.kernel.errors import BadRequestError, NotFoundError
from mall_contracts.baskets import messages as baskets
from mall_contracts.ordering import messages
from tests.unit.ordering.conftest import CAPE, WAND, OrderingCore


async def test_a_checkout_becomes_an_order_under_the_basket_id(core: OrderingCore) -> None:
    order_id = await core.checkout("basket-7", "cust-7")
    assert order_id == "basket-7"
    order = await core.order(order_id)
    assert (order.customer_id, order.payment_id, order.status) == ("cust-7", "pay-1", "pending")
    assert [(i.product_name, i.store_name, i.price, i.quantity) for i in order.items] == [
        ("Wand", "Ollivanders", 9.99, 2),
        ("Cape", "Madam Malkin's", 5.0, 1),
    ]
    assert core.sink.sent[0].message == messages.OrderCreated(
        id="basket-7",
        customer_id="cust-7",
        payment_id="pay-1",
        items=[
            messages.OrderCreatedItem(product_id="p1", store_id="s1", price=9.99, quantity=2),
            messages.OrderCreatedItem(product_id="p2", store_id="s2", price=5.0, quantity=1),
        ],
    )


async def test_a_repeated_checkout_changes_nothing(core: OrderingCore) -> None:
    order_id = await core.checkout()
    await core.approve(order_id)
    again = baskets.BasketCheckedOut(
        id=order_id, customer_id="someone-else", payment_id="pay-2", items=[CAPE, WAND]
    )
    await core.handlers.on_basket_checked_out(again)
    order = await core.order(order_id)
    assert (order.customer_id, order.status) == ("cust-1", "approved")
    assert core.sink.names() == [messages.ORDER_CREATED, messages.ORDER_APPROVED]


async def test_an_invalid_checkout_is_refused(core: OrderingCore) -> None:
    empty = baskets.BasketCheckedOut(id="b1", customer_id="c1", payment_id="pay-1", items=[])
    with pytest.raises(BadRequestError, match=r"^create order command: the order has no items$"):
        await core.handlers.on_basket_checked_out(empty)
    assert core.events.streams == {}


async def test_the_whole_lifecycle_publishes_one_message_per_change(core: OrderingCore) -> None:
    order_id = await core.checkout()
    await core.approve(order_id, "list-1")
    assert (await core.order(order_id)).shopping_id == "list-1"
    assert (await core.order(order_id)).invoice_id == ""
    await core.shopping_done(order_id, "list-1")
    ready = await core.order(order_id)
    assert (ready.status, ready.invoice_id) == ("ready", order_id)
    await core.invoice_paid(order_id)
    assert await core.status(order_id) == "completed"
    assert [(m.name, m.message) for m in core.sink.sent[1:]] == [
        (
            messages.ORDER_APPROVED,
            messages.OrderApproved(
                id=order_id, customer_id="cust-1", payment_id="pay-1", shopping_id="list-1"
            ),
        ),
        (
            messages.ORDER_READIED,
            messages.OrderReadied(
                id=order_id, customer_id="cust-1", payment_id="pay-1", total=9.99 * 2 + 5.0
            ),
        ),
        (
            messages.ORDER_COMPLETED,
            messages.OrderCompleted(id=order_id, customer_id="cust-1", invoice_id=order_id),
        ),
    ]


async def test_reject_publishes_once_and_is_idempotent(core: OrderingCore) -> None:
    order_id = await core.checkout()
    await core.reject(order_id)
    await core.reject(order_id)  # the same outcome again: a success, no second change
    assert await core.status(order_id) == "rejected"
    assert core.sink.sent[1:] == core.sink.sent[-1:]
    assert core.sink.sent[-1].message == messages.OrderRejected(
        id=order_id, customer_id="cust-1", payment_id="pay-1"
    )
    with pytest.raises(BadRequestError, match=r"^the order cannot be approved$"):
        await core.approve(order_id)


async def test_approve_again_with_the_same_list_succeeds_without_a_change(
    core: OrderingCore,
) -> None:
    order_id = await core.checkout()
    await core.approve(order_id, "list-1")
    await core.approve(order_id, "list-1")
    with pytest.raises(BadRequestError, match=r"^the order cannot be approved$"):
        await core.approve(order_id, "list-2")
    with pytest.raises(BadRequestError, match=r"^the order cannot be rejected$"):
        await core.reject(order_id)
    assert core.sink.names() == [messages.ORDER_CREATED, messages.ORDER_APPROVED]


async def test_the_saga_commands_on_an_unknown_order_fail(core: OrderingCore) -> None:
    for call in (core.approve("nope"), core.reject("nope")):
        with pytest.raises(NotFoundError, match=r"^order with that ID does not exist$"):
            await call


async def test_progress_that_cannot_apply_is_ignored(core: OrderingCore) -> None:
    pending, approved = await core.checkout("b1"), await core.checkout("b2")
    await core.approve(approved, "list-2")
    await core.shopping_done(pending, "list-1")  # not approved yet
    await core.shopping_done(approved, "another-list")  # not the order's list
    await core.shopping_done("unknown", "list-3")
    await core.invoice_paid(approved)  # not ready yet
    await core.invoice_paid("unknown")
    assert (await core.status(pending), await core.status(approved)) == ("pending", "approved")
    assert core.sink.names() == [
        messages.ORDER_CREATED,
        messages.ORDER_CREATED,
        messages.ORDER_APPROVED,
    ]


async def test_a_cancelled_order_stays_cancelled(core: OrderingCore) -> None:
    order_id = await core.checkout()
    await core.approve(order_id)
    await core.service.cancel_order(order_id)
    await core.shopping_done(order_id)
    await core.invoice_paid(order_id)
    assert await core.status(order_id) == "cancelled"
    assert core.sink.names()[-1] == messages.ORDER_CANCELED
