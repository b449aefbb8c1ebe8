"""The ordering UI's HTTP client: the consumer side of `pacts/ordering-ui-ordering-api.json`.

It starts orders (each with a fresh `Idempotency-Key`, so a retry cannot order twice),
shows an order with its shopping list and invoice once they exist, and cancels orders.
"""

from __future__ import annotations

import uuid

from tests.contract.ui_client import Created, Done, Shape, UiClient


class OrderItem(Shape):
    store_id: str
    product_id: str
    store_name: str
    product_name: str
    price: float
    quantity: int


class Order(Shape):
    id: str
    customer_id: str
    payment_id: str
    items: list[OrderItem]
    status: str
    shopping_id: str  # empty until the order is approved
    invoice_id: str  # empty until the order is ready


class _CreateOrder(Shape):
    items: list[OrderItem]
    customer_id: str
    payment_id: str


class _OrderAnswer(Shape):
    order: Order


class OrderingUiClient(UiClient):
    def create_order(
        self,
        customer_id: str,
        payment_id: str,
        items: list[OrderItem],
        idempotency_key: str | None = None,
    ) -> str:
        """Starts an order; returns its id. Resend with the same `idempotency_key` to retry."""
        body = _CreateOrder(items=items, customer_id=customer_id, payment_id=payment_id)
        key = idempotency_key or str(uuid.uuid4())
        created = self._api.call(
            Created, "POST", "/api/ordering", body=body, headers={"Idempotency-Key": key}
        )
        return created.id

    def get_order(self, order_id: str) -> Order:
        return self._api.call(_OrderAnswer, "GET", f"/api/ordering/{order_id}").order

    def cancel_order(self, order_id: str) -> None:
        self._api.call(Done, "DELETE", f"/api/ordering/{order_id}")
