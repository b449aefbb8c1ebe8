"""`intellimall bench contention`: what concurrent writers get, against `intellimall up`.

Two figures, through the HTTP API of a fresh instance on embedded servers: N concurrent
`addItem`s whose product and store are not in the baskets caches (each one asks stores over
NATS), and C clients adding A times each to one basket at once. It prints the status counts
and whether the basket's final quantity equals the sum of the adds that answered 200.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import asyncpg
import httpx

from mall_adapters.bench.procs import embedded_env, running_up


def bench_contention(misses: int, clients: int, adds: int, pool_size: int | None) -> int:
    env = embedded_env(**({"INTELLIMALL_PG_POOL_SIZE": str(pool_size)} if pool_size else {}))
    with tempfile.TemporaryDirectory(prefix="intellimall-bench-") as folder:
        data_dir = Path(folder) / "data"
        with running_up(data_dir, env) as (url, _):
            runtime = json.loads((data_dir / "runtime.json").read_text(encoding="utf-8"))
            asyncio.run(_measure(url, runtime["pg_dsn"], misses, clients, adds))
    return 0


async def _measure(url: str, dsn: str, misses: int, clients: int, adds: int) -> None:
    limits = httpx.Limits(max_connections=max(misses, clients))
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as api:
        products = [await _product(api, n) for n in range(misses)]
        baskets = [await _basket(api, n) for n in range(misses)]
        await _empty_caches(dsn, products)
        started = time.perf_counter()
        added = await asyncio.gather(
            *(_add(api, b, p, 1) for b, p in zip(baskets, products, strict=True))
        )
        print(
            f"{misses} concurrent addItems, each a cache miss: {_statuses(added)}"
            f" in {time.perf_counter() - started:.2f}s"
        )

        basket, product = await _basket(api, misses), products[0]

        async def client(quantity: int) -> list[tuple[int, int]]:
            return [(quantity, await _add(api, basket, product, quantity)) for _ in range(adds)]

        started = time.perf_counter()
        outcomes = [
            o for c in await asyncio.gather(*(client(1 + n % 3) for n in range(clients))) for o in c
        ]
        seconds = time.perf_counter() - started
        ok = [q for q, status in outcomes if status == 200]
        lines = (await api.get(f"/api/baskets/{basket}")).json()["basket"]["items"]
        final = sum(line["quantity"] for line in lines)
        print(
            f"{clients} clients x {adds} adds to one basket: {len(ok)}/{len(outcomes)}"
            f" ({100 * len(ok) / len(outcomes):.1f}%) 200, {_statuses(s for _, s in outcomes)};"
            f" final quantity {final}, sum of the adds that succeeded {sum(ok)}"
            f" ({'equal' if final == sum(ok) else 'DIFFERENT'}), in {seconds:.2f}s"
        )


async def _product(api: httpx.AsyncClient, n: int) -> str:
    store = (await api.post("/api/stores", json={"name": f"Store {n}", "location": "L"})).json()
    body = {"name": f"Product {n}", "price": 1.5}
    product: str = (await api.post(f"/api/stores/{store['id']}/products", json=body)).json()["id"]
    return product


async def _basket(api: httpx.AsyncClient, n: int) -> str:
    basket: str = (await api.post("/api/baskets", json={"customerId": f"c{n}"})).json()["id"]
    return basket


async def _add(api: httpx.AsyncClient, basket: str, product: str, quantity: int) -> int:
    body = {"productId": product, "quantity": quantity}
    return (await api.put(f"/api/baskets/{basket}/addItem", json=body)).status_code


async def _empty_caches(dsn: str, products: list[str]) -> None:
    """Wait until the caches caught up with the stores events, then empty them."""
    conn = await asyncpg.connect(dsn)
    try:
        cached = "SELECT count(*) FROM baskets.products_cache WHERE id = ANY($1::text[])"
        # Another process fills the caches: nothing here could signal an event.
        while await conn.fetchval(cached, products) < len(products):  # noqa: ASYNC110
            await asyncio.sleep(0.05)
        await conn.execute("TRUNCATE baskets.products_cache, baskets.stores_cache")
    finally:
        await conn.close()


def _statuses(statuses: Iterable[int]) -> str:
    counts = Counter(statuses)
    return ", ".join(f"{count} x {status}" for status, count in sorted(counts.items()))
