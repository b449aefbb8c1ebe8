"""`Mall`: a shopper's and a clerk's calls on the running app's HTTP API, and waits for an
order's status and its saga's end."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from tests.support.polling import eventually


@dataclass
class Mall:
    http: httpx.AsyncClient

    async def ok(self, method: str, path: str, body: Any = None) -> Any:
        response = await self.http.request(method, path, json=body)
        assert response.status_code == 200, (path, response.status_code, response.text)
        return response.json()

    async def product(self, price: float = 5.0) -> tuple[str, str]:
        store = (await self.ok("POST", "/api/stores", {"name": "Shop", "location": "Row 1"}))["id"]
        body = {"name": "Wand", "description": "Oak", "sku": "W-1", "price": price}
        product = (await self.ok("POST", f"/api/stores/{store}/products", body))["id"]
        return store, product

    async def customer(self) -> str:
        body = {"name": "Ann", "smsNumber": "555-0100"}
        customer: str = (await self.ok("POST", "/api/customers", body))["id"]
        return customer

    async def checkout(self, customer: str, amount: float, quantity: int = 2) -> str:
        """A basket with `quantity` of a 5.00 product, paid with a payment of `amount`."""
        _, product = await self.product()
        payment = (
            await self.ok("POST", "/api/payments", {"customerId": customer, "amount": amount})
        )["id"]
        basket = (await self.ok("POST", "/api/baskets", {"customerId": customer}))["id"]
        await self.ok(
            "PUT", f"/api/baskets/{basket}/addItem", {"productId": product, "quantity": quantity}
        )
        await self.ok("PUT", f"/api/baskets/{basket}/checkout", {"paymentId": payment})
        return str(basket)

    async def order(self, order_id: str) -> dict[str, Any]:
        response = await self.http.get(f"/api/ordering/{order_id}")
        return response.json().get("order", {}) if response.status_code == 200 else {}

    async def order_in(self, order_id: str, status: str) -> dict[str, Any]:
        order: dict[str, Any] = await eventually(
            lambda: self.order(order_id), lambda o: o.get("status") == status, within=30
        )
        return order

    async def saga_done(self, order_id: str) -> dict[str, Any]:
        async def read() -> dict[str, Any]:
            response = await self.http.get(f"/api/cosec/sagas/{order_id}")
            return response.json()["saga"] if response.status_code == 200 else {}

        saga: dict[str, Any] = await eventually(
            read, lambda s: s.get("status") not in (None, "running"), within=30
        )
        return saga
