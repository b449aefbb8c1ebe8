"""What the steps of one scenario remember, and the API calls that make things.

`World` is the memory of one scenario (the reference keeps it in the godog context): the
last response, and the ids of what the scenario made, by name where a step names them.
Reading what the mall did with them is in `tests.e2e.observe`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

SMS_NUMBER = "555-555-1212"


@dataclass(frozen=True)
class Outcome:
    """One API call of a step: which operation, and what came back."""

    operation: str
    response: httpx.Response

    @property
    def ok(self) -> bool:
        return self.response.is_success

    @property
    def error_message(self) -> str | None:
        """The `message` of an error body; None for a success."""
        if self.ok:
            return None
        try:
            body = self.response.json()
        except ValueError:
            return self.response.text
        message = body.get("message") if isinstance(body, dict) else None
        return message if isinstance(message, str) else self.response.text

    def describe(self) -> str:
        request = self.response.request
        return (
            f"{self.operation}: {request.method} {request.url.path} answered "
            f"{self.response.status_code} {self.response.text}"
        )


@dataclass
class World:
    """What the steps of one scenario remember (the reference's godog context values).

    `customer_id`, `store_id`, `basket_id`, `payment_id` and `order_id` are the latest of
    each ("my order" is the basket last checked out: its id is the order's); the dicts keep
    what a step named.
    """

    api: httpx.Client
    last: Outcome | None = None
    customer_id: str | None = None
    customer_name: str | None = None
    basket_id: str | None = None
    store_id: str | None = None
    product_id: str | None = None
    payment_id: str | None = None
    order_id: str | None = None
    customers: dict[str, str] = field(default_factory=dict)  # by name
    stores: dict[str, str] = field(default_factory=dict)  # by name
    products: dict[str, str] = field(default_factory=dict)  # by name
    orders: dict[str, str] = field(default_factory=dict)  # by the scenario's label

    def call(self, operation: str, method: str, path: str, body: Any = None) -> Outcome:
        outcome = Outcome(operation, self.api.request(method, path, json=body))
        self.last = outcome
        return outcome

    def product_id_for(self, name: str) -> str:
        """A remembered product's id; a product the scenario never made gets a random one."""
        return self.products.get(name) or str(uuid.uuid4())

    def my_order(self) -> str:
        assert self.order_id is not None, "no basket was checked out: there is no order"
        return self.order_id

    def expect_success(self, operation: str) -> None:
        assert self.last is not None, f"no API call was made; expected a successful {operation}"
        assert self.last.operation == operation, (
            f"the last call was {self.last.operation}, not {operation}"
        )
        assert self.last.ok, self.last.describe()

    def expect_error(self, message: str) -> None:
        assert self.last is not None, f'no API call was made; expected a "{message}" error'
        assert not self.last.ok, f'expected a "{message}" error; ' + self.last.describe()
        received = self.last.error_message or ""
        assert message in received, f'expected a "{message}" error; ' + self.last.describe()

    def succeed(self, operation: str, method: str, path: str, body: Any = None) -> Any:
        """A call that must succeed (an arrangement step); its JSON body."""
        outcome = self.call(operation, method, path, body)
        assert outcome.ok, outcome.describe()
        return outcome.response.json()

    # ---------------------------------------------------------------- customers and stores

    def register_customer(self, name: str) -> Outcome:
        outcome = self.call(
            "registerCustomer", "POST", "/api/customers", {"name": name, "smsNumber": SMS_NUMBER}
        )
        if outcome.ok:
            self.customer_id, self.customer_name = outcome.response.json()["id"], name
            self.customers[name] = self.customer_id
        return outcome

    def create_store(self, name: str) -> Outcome:
        outcome = self.call(
            "createStore", "POST", "/api/stores", {"name": name, "location": "anywhere"}
        )
        if outcome.ok:
            self.store_id = outcome.response.json()["id"]
            self.stores[name] = self.store_id
        return outcome

    def add_product(self, name: str, price: float) -> Outcome:
        assert self.store_id is not None, "no store to add the product to"
        outcome = self.call(
            "addProduct",
            "POST",
            f"/api/stores/{self.store_id}/products",
            {"name": name, "price": price},
        )
        if outcome.ok:
            self.product_id = outcome.response.json()["id"]
            self.products[name] = self.product_id
        return outcome

    # ---------------------------------------------------------------- shopping

    def start_basket(self) -> Outcome:
        assert self.customer_id is not None, "no customer to start the basket for"
        outcome = self.call("startBasket", "POST", "/api/baskets", {"customerId": self.customer_id})
        if outcome.ok:
            self.basket_id = outcome.response.json()["id"]
        return outcome

    def add_item(self, name: str, quantity: int) -> Outcome:
        assert self.basket_id is not None, "no basket to add the items to"
        return self.call(
            "addItem",
            "PUT",
            f"/api/baskets/{self.basket_id}/addItem",
            {"productId": self.product_id_for(name), "quantity": quantity},
        )

    def authorize_payment(self, amount: float) -> Outcome:
        assert self.customer_id is not None, "no customer to authorize the payment for"
        outcome = self.call(
            "authorizePayment",
            "POST",
            "/api/payments",
            {"customerId": self.customer_id, "amount": amount},
        )
        if outcome.ok:
            self.payment_id = outcome.response.json()["id"]
        return outcome

    def checkout(self, payment_id: str) -> Outcome:
        assert self.basket_id is not None, "no basket to check out"
        outcome = self.call(
            "checkoutBasket",
            "PUT",
            f"/api/baskets/{self.basket_id}/checkout",
            {"paymentId": payment_id},
        )
        if outcome.ok:
            self.order_id = self.basket_id  # the order created from a basket has its id
        return outcome

    def place_order(self, customer: str, lines: list[tuple[str, int]], payment: float) -> str:
        """`customer` (a remembered name) buys `lines` (product name, quantity) with a
        payment of `payment`; the order's id."""
        self.customer_id = self.customers[customer]
        for outcome in (self.authorize_payment(payment), self.start_basket()):
            assert outcome.ok, outcome.describe()
        for name, quantity in lines:
            added = self.add_item(name, quantity)
            assert added.ok, added.describe()
        assert self.payment_id is not None
        checked_out = self.checkout(self.payment_id)
        assert checked_out.ok, checked_out.describe()
        return self.my_order()


def table_rows(datatable: list[list[str]]) -> list[dict[str, str]]:
    """A Gherkin table (header row first) as one dict per row."""
    header, *rows = datatable
    return [dict(zip(header, row, strict=True)) for row in rows]


def money(text: str) -> float:
    """An amount of a step, as the API answers it (four decimal places)."""
    return round(float(text), 4)
