"""Authorizing payments and confirming them for the saga, against in-memory adapters."""

from __future__ import annotations

import pytest

from mall.kernel.errors import BadRequestError, NotFoundError
from mall_contracts.common.messages import Success
from mall_contracts.customers.messages import GetCustomer
from mall_contracts.payments import http, messages
from tests.unit.payments.conftest import PaymentsCore


async def test_authorize_asks_customers_and_stores_the_payment(core: PaymentsCore) -> None:
    customer_id = await core.customer()
    payment_id = await core.authorize(customer_id, 25.5)
    assert core.requests.asked == [GetCustomer(id=customer_id)]
    got = await core.service.get_payment(payment_id)
    assert got.payment == http.Payment(id=payment_id, customer_id=customer_id, amount=25.5)
    assert core.sink.sent == []  # authorizing publishes nothing


async def test_an_unknown_customer_is_not_found_and_nothing_is_stored(core: PaymentsCore) -> None:
    with pytest.raises(NotFoundError, match=r"^customer with that ID does not exist$"):
        await core.authorize("nope", 10.0)
    assert core.payments.rows == {}


@pytest.mark.parametrize(
    ("customer_id", "amount", "error"),
    [
        ("", 10.0, "the customer id cannot be blank"),
        ("someone", 0.0, "the payment amount must be greater than zero"),
        ("someone", -1.0, "the payment amount must be greater than zero"),
    ],
)
async def test_bad_requests_are_refused_before_any_look_up(
    core: PaymentsCore, customer_id: str, amount: float, error: str
) -> None:
    with pytest.raises(BadRequestError, match=f"^{error}$"):
        await core.authorize(customer_id, amount)
    assert core.requests.asked == []
    assert core.payments.rows == {}


async def test_an_unknown_payment_is_not_found(core: PaymentsCore) -> None:
    with pytest.raises(NotFoundError, match=r"^payment with that ID does not exist$"):
        await core.service.get_payment("nope")


async def test_confirm_a_payment_that_covers_the_total(core: PaymentsCore) -> None:
    payment_id = await core.authorize(await core.customer(), 30.0)
    for total in (30.0, 29.9999, 0.0):
        reply = await core.handlers.confirm_payment(
            messages.ConfirmPayment(id=payment_id, amount=total)
        )
        assert reply == Success()
    assert core.payments.rows[payment_id][1] == 1  # a check: nothing was written


async def test_confirm_fails_for_an_unknown_or_too_small_payment(core: PaymentsCore) -> None:
    payment_id = await core.authorize(await core.customer(), 30.0)
    with pytest.raises(NotFoundError, match=r"^payment cannot be confirmed$"):
        await core.handlers.confirm_payment(messages.ConfirmPayment(id="nope", amount=1.0))
    with pytest.raises(BadRequestError, match=r"^payment cannot be confirmed$"):
        await core.handlers.confirm_payment(messages.ConfirmPayment(id=payment_id, amount=30.0001))
    assert core.sink.sent == []
