"""The REST operations the simulator calls, one method each: the consumer side of the
`busywork-<module>-api` pacts. Each `call` names the spec's operation id and its path
literally (tests/architecture/test_pact_matrix.py reads them)."""

from __future__ import annotations

from mall_adapters.busywork.answers import (
    Catalog,
    Created,
    Done,
    Order,
    OrderAnswer,
    Product,
    ProductAnswer,
    Store,
    StoreAnswer,
    Stores,
)
from mall_adapters.busywork.transport import JsonTransport
from mall_contracts.baskets import http as baskets
from mall_contracts.customers import http as customers
from mall_contracts.depot import http as depot
from mall_contracts.payments import http as payments
from mall_contracts.stores import http as stores


class MallApi:
    def __init__(self, transport: JsonTransport) -> None:
        self._t = transport

    async def register_customer(self, name: str, sms_number: str) -> str:
        body = customers.RegisterCustomerRequest(name=name, sms_number=sms_number)
        new = await self._t.call(
            "registerCustomer", Created, "POST", "/api/customers", body, create=True
        )
        return new.id

    async def start_basket(self, customer_id: str) -> str:
        body = baskets.StartBasketRequest(customer_id=customer_id)
        new = await self._t.call("startBasket", Created, "POST", "/api/baskets", body, create=True)
        return new.id

    async def add_item(self, basket_id: str, product_id: str, quantity: int) -> None:
        body = baskets.ItemQuantityRequest(product_id=product_id, quantity=quantity)
        await self._t.call("addItem", Done, "PUT", f"/api/baskets/{basket_id}/addItem", body)

    async def cancel_basket(self, basket_id: str) -> None:
        await self._t.call("cancelBasket", Done, "DELETE", f"/api/baskets/{basket_id}")

    async def checkout_basket(self, basket_id: str, payment_id: str) -> None:
        body = baskets.CheckoutBasketRequest(payment_id=payment_id)
        await self._t.call(
            "checkoutBasket", Done, "PUT", f"/api/baskets/{basket_id}/checkout", body
        )

    async def authorize_payment(self, customer_id: str, amount: float) -> str:
        body = payments.AuthorizePaymentRequest(customer_id=customer_id, amount=amount)
        new = await self._t.call(
            "authorizePayment", Created, "POST", "/api/payments", body, create=True
        )
        return new.id

    async def pay_invoice(self, invoice_id: str, *, not_yet: bool = False) -> None:
        """With `not_yet`, a 404 is expected: the invoice is made a moment after the order
        is ready."""
        expected = (404,) if not_yet else ()
        await self._t.call(
            "payInvoice",
            Done,
            "PUT",
            f"/api/payments/invoices/{invoice_id}/pay",
            {},
            expected=expected,
        )

    async def get_stores(self) -> list[Store]:
        return (await self._t.call("getStores", Stores, "GET", "/api/stores")).stores

    async def get_store(self, store_id: str) -> Store:
        return (await self._t.call("getStore", StoreAnswer, "GET", f"/api/stores/{store_id}")).store

    async def create_store(self, name: str, location: str) -> str:
        body = stores.CreateStoreRequest(name=name, location=location)
        new = await self._t.call("createStore", Created, "POST", "/api/stores", body, create=True)
        return new.id

    async def rebrand_store(self, store_id: str, name: str) -> None:
        body = stores.RebrandStoreRequest(name=name)
        await self._t.call("rebrandStore", Done, "PUT", f"/api/stores/{store_id}/rebrand", body)

    async def add_product(
        self, store_id: str, name: str, description: str, sku: str, price: float
    ) -> str:
        body = stores.AddProductRequest(name=name, description=description, sku=sku, price=price)
        new = await self._t.call(
            "addProduct", Created, "POST", f"/api/stores/{store_id}/products", body, create=True
        )
        return new.id

    async def get_catalog(self, store_id: str) -> list[Product]:
        return (
            await self._t.call(
                "getStoreProducts", Catalog, "GET", f"/api/stores/{store_id}/products"
            )
        ).products

    async def get_product(self, product_id: str) -> Product:
        return (
            await self._t.call(
                "getProduct", ProductAnswer, "GET", f"/api/stores/products/{product_id}"
            )
        ).product

    async def rebrand_product(self, product_id: str, name: str, description: str) -> None:
        body = stores.RebrandProductRequest(name=name, description=description)
        await self._t.call(
            "rebrandProduct", Done, "PUT", f"/api/stores/products/{product_id}/rebrand", body
        )

    async def get_order(self, order_id: str, *, not_yet: bool = False) -> Order:
        """With `not_yet`, a 404 is expected: the order is made a moment after checkout."""
        expected = (404,) if not_yet else ()
        return (
            await self._t.call(
                "getOrder", OrderAnswer, "GET", f"/api/ordering/{order_id}", expected=expected
            )
        ).order

    async def cancel_order(self, order_id: str) -> None:
        await self._t.call("cancelOrder", Done, "DELETE", f"/api/ordering/{order_id}")

    async def assign_shopping_list(self, shopping_id: str, bot_id: str) -> None:
        body = depot.AssignShoppingListRequest(bot_id=bot_id)
        await self._t.call(
            "assignShoppingList", Done, "PUT", f"/api/depot/shopping/{shopping_id}/assign", body
        )

    async def complete_shopping_list(self, shopping_id: str) -> None:
        await self._t.call(
            "completeShoppingList", Done, "PUT", f"/api/depot/shopping/{shopping_id}/complete", {}
        )
