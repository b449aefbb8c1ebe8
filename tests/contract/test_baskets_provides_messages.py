"""Provider side of `pacts/ordering-baskets.json`: a real checkout publishes the
BasketCheckedOut ordering expects.

The baskets core (in-memory adapters) runs the use cases a shopper's requests run: start a
basket, add a product (looked up in the real stores core, as a cache miss asks stores), and
check out; the message it sent last is verified.
"""

from __future__ import annotations

from mall_contracts.baskets import http
from tests.contract.stores_messages import stock_a_product
from tests.support.contract_message_provider import MessageProvider
from tests.support.cores import BasketsCore, build_baskets_core


async def basket_checked_out(baskets: BasketsCore) -> None:
    _, product_id = await stock_a_product(baskets.stores)
    basket = await baskets.service.start_basket(http.StartBasketRequest(customer_id="customer-id"))
    item = http.ItemQuantityRequest(product_id=product_id, quantity=2)
    await baskets.service.add_item(basket.id, item)
    checkout = http.CheckoutBasketRequest(payment_id="payment-id")
    await baskets.service.checkout_basket(basket.id, checkout)


def test_baskets_honours_the_ordering_pact() -> None:
    events = {"a BasketCheckedOut message": basket_checked_out}
    MessageProvider("baskets", build_baskets_core, events).verify("ordering-baskets.json")
