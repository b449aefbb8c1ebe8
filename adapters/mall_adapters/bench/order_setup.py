"""What `bench checkout` and `bench lifecycle` prepare before timing (not timed): stores and
products, then per order a customer, a payment covering the basket, and a basket with one
item; and the saga's own step times, read from its history afterwards."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

STORES = 10
PRICE = 5.0
PREPARERS = 8  # concurrent preparations


@dataclass(frozen=True)
class Prepared:
    basket: str  # also the order's id
    payment: str


async def ok(api: httpx.AsyncClient, method: str, path: str, body: Any = None) -> Any:
    response = await api.request(method, path, json=body)
    response.raise_for_status()
    return response.json()


async def prepare(api: httpx.AsyncClient, count: int, tag: str) -> list[Prepared]:
    products = []
    for n in range(STORES):
        store = (await ok(api, "POST", "/api/stores", {"name": f"B{n}", "location": "Row 1"}))["id"]
        body = {"name": "Wand", "description": "Oak", "sku": f"W-{tag}-{n}", "price": PRICE}
        products.append((await ok(api, "POST", f"/api/stores/{store}/products", body))["id"])
    gate = asyncio.Semaphore(PREPARERS)

    async def one(n: int) -> Prepared:
        async with gate:
            body = {"name": f"C{tag}{n}", "smsNumber": "555-0100"}
            customer = (await ok(api, "POST", "/api/customers", body))["id"]
            payment_body = {"customerId": customer, "amount": PRICE}
            payment = (await ok(api, "POST", "/api/payments", payment_body))["id"]
            basket = (await ok(api, "POST", "/api/baskets", {"customerId": customer}))["id"]
            item = {"productId": products[n % STORES], "quantity": 1}
            await ok(api, "PUT", f"/api/baskets/{basket}/addItem", item)
            return Prepared(basket, payment)

    return list(await asyncio.gather(*(one(n) for n in range(count))))


async def step_times(api: httpx.AsyncClient, order_ids: list[str]) -> dict[str, list[float]]:
    """Each saga step's time from its command to its reply, in seconds, by command."""
    steps: dict[str, list[float]] = {}
    for order_id in order_ids:
        response = await api.get(f"/api/cosec/sagas/{order_id}")
        if response.status_code != 200:
            continue
        for entry in response.json()["saga"]["history"]:
            if entry["finishedAt"] and entry["sentAt"]:
                took = datetime.fromisoformat(entry["finishedAt"]) - datetime.fromisoformat(
                    entry["sentAt"]
                )
                steps.setdefault(entry["command"], []).append(took.total_seconds())
    return steps
