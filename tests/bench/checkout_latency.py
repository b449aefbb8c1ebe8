"""Time from checkout to `approved`, one order at a time, on an otherwise idle mall.

    .venv/bin/python -m tests.bench.checkout_latency [--orders 20]

Starts `intellimall up` (embedded PostgreSQL and NATS, a fresh data directory), then for
each order: registers a customer, creates a store and a product, authorizes a payment,
starts a basket and adds an item (none of this is timed), then times `PUT …/checkout` until
`GET /api/ordering/{id}` says `approved` (polled every 2 ms). Prints the latencies and the
saga's own step times (from its history). Prints figures, asserts nothing; one order at a
time, so it shows the latency of the path, not what the mall sustains under load.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import datetime
from typing import Any

import httpx

from tests.e2e.mall import data_dir, mall_process

POLL_SECONDS = 0.002


def ok(client: httpx.Client, method: str, path: str, body: Any = None) -> Any:
    response = client.request(method, path, json=body)
    response.raise_for_status()
    return response.json()


def prepared_basket(client: httpx.Client, n: int) -> tuple[str, str]:
    """A basket with one item and a payment covering it: (basket id, payment id)."""
    customer = ok(client, "POST", "/api/customers", {"name": f"C{n}", "smsNumber": "555-0100"})
    store = ok(client, "POST", "/api/stores", {"name": f"S{n}", "location": "Row 1"})["id"]
    product_body = {"name": "Wand", "description": "Oak", "sku": f"W-{n}", "price": 5.0}
    product = ok(client, "POST", f"/api/stores/{store}/products", product_body)["id"]
    payment_body = {"customerId": customer["id"], "amount": 5.0}
    payment = ok(client, "POST", "/api/payments", payment_body)["id"]
    basket = ok(client, "POST", "/api/baskets", {"customerId": customer["id"]})["id"]
    ok(client, "PUT", f"/api/baskets/{basket}/addItem", {"productId": product, "quantity": 1})
    return basket, payment


def checkout_to_approved(client: httpx.Client, basket: str, payment: str) -> float:
    started = time.perf_counter()
    ok(client, "PUT", f"/api/baskets/{basket}/checkout", {"paymentId": payment})
    while True:
        response = client.get(f"/api/ordering/{basket}")
        if response.status_code == 200 and response.json()["order"]["status"] == "approved":
            return time.perf_counter() - started
        time.sleep(POLL_SECONDS)


def step_times(client: httpx.Client, order_id: str) -> dict[str, float]:
    """Each saga step's time from its command to its reply, in seconds."""
    history = ok(client, "GET", f"/api/cosec/sagas/{order_id}")["saga"]["history"]
    return {
        entry["command"]: (
            datetime.fromisoformat(entry["finishedAt"]) - datetime.fromisoformat(entry["sentAt"])
        ).total_seconds()
        for entry in history
        if entry["finishedAt"] and entry["sentAt"]
    }


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=20)
    args = parser.parse_args()
    latencies: list[float] = []
    steps: dict[str, list[float]] = {}
    with (
        data_dir() as directory,
        mall_process(directory) as mall,
        httpx.Client(base_url=mall.http, timeout=30.0) as client,
    ):
        checkout_to_approved(client, *prepared_basket(client, 0))  # warm-up, not counted
        for n in range(1, args.orders + 1):
            basket, payment = prepared_basket(client, n)
            latencies.append(checkout_to_approved(client, basket, payment))
            for command, seconds in step_times(client, basket).items():
                steps.setdefault(command, []).append(seconds)
    ordered = sorted(latencies)
    print(f"checkout -> approved, {len(ordered)} orders one at a time")
    print(f"  median {ms(statistics.median(ordered))}")
    print(f"  p95    {ms(ordered[max(0, round(0.95 * len(ordered)) - 1)])}")
    print(f"  min    {ms(ordered[0])}   max {ms(ordered[-1])}")
    print("saga steps, command sent -> reply handled (median)")
    for command, values in steps.items():
        print(f"  {command:45} {ms(statistics.median(values))}")


if __name__ == "__main__":
    main()
