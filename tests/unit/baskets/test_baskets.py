"""Basket use cases: start, cancel, checkout, get; their rules, messages and order of checks."""

from __future__ import annotations

import pytest

from mall.kernel.errors import BadRequestError, NotFoundError
from mall_contracts.baskets import http, messages
from tests.unit.baskets.conftest import BasketsCore

NOT_FOUND = "^basket with that ID does not exist$"


async def test_start_publishes_and_reads_back_empty(core: BasketsCore) -> None:
    basket_id = await core.basket("customer-id")  # the customer's existence is not checked
    got = await core.service.get_basket(basket_id)
    assert got == http.GetBasketResponse(basket=http.Basket(id=basket_id, items=[]))
    assert [(m.name, m.message) for m in core.sink.sent] == [
        (
            messages.BASKET_STARTED,
            messages.BasketStarted(id=basket_id, customer_id="customer-id"),
        )
    ]


@pytest.mark.parametrize("customer_id", ["", "   "])
async def test_start_needs_a_customer(core: BasketsCore, customer_id: str) -> None:
    with pytest.raises(BadRequestError, match=r"^the customer id cannot be blank$"):
        await core.basket(customer_id)
    assert core.sink.sent == []
    assert core.events.streams == {}


async def test_unknown_baskets_are_not_found(core: BasketsCore) -> None:
    product_id = await core.product()
    item = http.ItemQuantityRequest(product_id=product_id, quantity=1)
    for call in (
        core.service.get_basket("nope"),
        core.service.cancel_basket("nope"),
        core.service.checkout_basket("nope", http.CheckoutBasketRequest(payment_id="pay-1")),
        core.service.add_item("nope", item),
        core.service.remove_item("nope", item),
    ):
        with pytest.raises(NotFoundError, match=NOT_FOUND):
            await call
    assert core.sink.sent == []


async def test_cancel_clears_items_publishes_and_happens_once(core: BasketsCore) -> None:
    basket_id = await core.basket()
    await core.add(basket_id, await core.product())
    await core.service.cancel_basket(basket_id)
    assert await core.lines(basket_id) == []
    assert core.sink.sent[-1].message == messages.BasketCanceled(id=basket_id)
    with pytest.raises(BadRequestError, match=r"^the basket cannot be cancelled$"):
        await core.service.cancel_basket(basket_id)
    assert core.sink.names() == [messages.BASKET_STARTED, messages.BASKET_CANCELED]


async def test_checkout_publishes_the_basket_after_the_save(core: BasketsCore) -> None:
    wand, cape = await core.product("Wand", 9.99), await core.product("Cape", 5.0, "Madam M")
    basket_id = await core.basket("cust-7")
    await core.add(basket_id, wand, 2)
    await core.add(basket_id, cape, 1)
    await core.service.checkout_basket(basket_id, http.CheckoutBasketRequest(payment_id="pay-1"))
    checked_out = core.sink.sent[-1]
    assert checked_out.name == messages.BASKET_CHECKED_OUT
    store_of = {p.id: p.store_id for p in core.stores.catalog.rows.values()}
    assert checked_out.message == messages.BasketCheckedOut(
        id=basket_id,
        customer_id="cust-7",
        payment_id="pay-1",
        items=[
            messages.BasketCheckedOutItem(
                store_id=store_of[wand],
                product_id=wand,
                store_name="Ollivanders",
                product_name="Wand",
                price=9.99,
                quantity=2,
            ),
            messages.BasketCheckedOutItem(
                store_id=store_of[cape],
                product_id=cape,
                store_name="Madam M",
                product_name="Cape",
                price=5.0,
                quantity=1,
            ),
        ],
    )


async def test_a_checked_out_basket_is_closed(core: BasketsCore) -> None:
    product_id = await core.product()
    basket_id = await core.basket()
    await core.add(basket_id, product_id)
    pay = http.CheckoutBasketRequest(payment_id="pay-1")
    await core.service.checkout_basket(basket_id, pay)
    sent = len(core.sink.sent)
    with pytest.raises(BadRequestError, match=r"^baskets checkout: the basket cannot be modified$"):
        await core.service.checkout_basket(basket_id, pay)
    with pytest.raises(BadRequestError, match=r"^the basket cannot be cancelled$"):
        await core.service.cancel_basket(basket_id)
    with pytest.raises(BadRequestError, match=r"^the basket cannot be modified$"):
        await core.add(basket_id, product_id)
    with pytest.raises(BadRequestError, match=r"^the basket cannot be modified$"):
        await core.remove(basket_id, product_id)
    assert len(core.sink.sent) == sent
    assert await core.lines(basket_id) == [(product_id, 1, 9.99)]


@pytest.mark.parametrize(
    ("canceled", "with_item", "payment_id", "error"),
    [
        (True, False, "", "the basket cannot be modified"),  # status first
        (False, False, "", "the basket has no items"),  # then items
        (False, True, "", "the payment id cannot be blank"),  # then the payment
        (False, True, "  ", "the payment id cannot be blank"),
    ],
)
async def test_checkout_rules_in_order(
    core: BasketsCore, canceled: bool, with_item: bool, payment_id: str, error: str
) -> None:
    basket_id = await core.basket()
    if with_item:
        await core.add(basket_id, await core.product())
    if canceled:
        await core.service.cancel_basket(basket_id)
    sent = len(core.sink.sent)
    with pytest.raises(BadRequestError, match=f"^baskets checkout: {error}$"):
        await core.service.checkout_basket(
            basket_id, http.CheckoutBasketRequest(payment_id=payment_id)
        )
    assert len(core.sink.sent) == sent
