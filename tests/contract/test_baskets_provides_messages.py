"""Provider side of `pacts/ordering-baskets.json`: a real checkout publishes the
BasketCheckedOut ordering expects.

The baskets core (in-memory adapters) runs the use cases a shopper's requests run: start a
basket, add a product (looked up in the real stores core, as a cache miss asks stores), and
check out; the message it sent last is verified.
"""

from __future__ import annotations

from mall_contracts.baskets import http
from mall_contracts.stores import http as stores_http
from tests.support.contract_message_provider import MessageProvider
from tests.support.contract_pacts import PACTS_DIR
from tests.support.cores import BasketsCore, build_baskets_core

PACT_FILE = "ordering-baskets.json"


async def basket_checked_out(baskets: BasketsCore) -> None:
    stores = baskets.stores.service
    store = await stores.create_store(
        stores_http.CreateStoreRequest(name="TheStore", location="TheLocation")
    )
    product = await stores.add_product(
        store.id, stores_http.AddProductRequest(name="TheProduct", price=10.0)
    )
    basket = await baskets.service.start_basket(http.StartBasketRequest(customer_id="customer-id"))
    item = http.ItemQuantityRequest(product_id=product.id, quantity=2)
    await baskets.service.add_item(basket.id, item)
    checkout = http.CheckoutBasketRequest(payment_id="payment-id")
    await baskets.service.checkout_basket(basket.id, checkout)


BASKETS = MessageProvider(
    "baskets",
    build_baskets_core,
    events={"a BasketCheckedOut message": basket_checked_out},
)


def test_baskets_honours_the_ordering_pact() -> None:
    BASKETS.verify(PACTS_DIR / PACT_FILE)
