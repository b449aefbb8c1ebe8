"""Real records for the fuzzer to aim at: random ids name nothing, so half of the generated
path ids (chosen by a hash, to stay deterministic) are swapped for the id of a real record,
and the requests reach the domain rules and the database instead of stopping at a 404."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any

import httpx


@dataclass(frozen=True)
class Records:
    url: str
    store_id: str
    product_id: str
    customer_id: str
    basket_id: str
    shopping_list_id: str

    def aim(self, path: str, parameters: dict[str, Any]) -> dict[str, Any]:
        """`parameters` with the ids of `path` (an OpenAPI path) swapped for real ones, or
        unchanged, by a hash of the generated values."""
        if not parameters or zlib.crc32(repr(sorted(parameters.items())).encode()) % 2:
            return parameters
        real = {
            "/api/stores/products/": self.product_id,
            "/api/stores/": self.store_id,
            "/api/customers/": self.customer_id,
            "/api/baskets/": self.basket_id,
            "/api/depot/shopping/": self.shopping_list_id,
        }
        for prefix, record_id in real.items():
            if path.startswith(prefix):
                return {name: record_id for name in parameters}
        return parameters


async def create_records(url: str) -> Records:
    """At `url`: a participating store with a product, a customer, an open basket with a
    line, and a shopping list of that product."""
    async with httpx.AsyncClient(base_url=url, timeout=30.0) as client:
        return await _create(client, url)


async def _create(client: httpx.AsyncClient, url: str) -> Records:

    async def post(path: str, body: dict[str, Any]) -> str:
        response = await client.post(path, json=body)
        response.raise_for_status()
        created: str = response.json()["id"]
        return created

    store_id = await post("/api/stores", {"name": "Waldorf Books", "location": "Level 1"})
    (await client.put(f"/api/stores/{store_id}/participating", json={})).raise_for_status()
    product = {"name": "Wizard w/ crystal", "description": "d", "sku": "W-1", "price": 9.99}
    product_id = await post(f"/api/stores/{store_id}/products", product)
    customer_id = await post("/api/customers", {"name": "Ann", "smsNumber": "555-0100"})
    basket_id = await post("/api/baskets", {"customerId": customer_id})
    line = {"productId": product_id, "quantity": 2}
    (await client.put(f"/api/baskets/{basket_id}/addItem", json=line)).raise_for_status()
    item = {"productId": product_id, "storeId": store_id, "quantity": 2}
    shopping_list_id = await post("/api/depot/shopping", {"orderId": basket_id, "items": [item]})
    return Records(url, store_id, product_id, customer_id, basket_id, shopping_list_id)
