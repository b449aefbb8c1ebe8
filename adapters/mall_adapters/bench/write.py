"""`intellimall bench write`: `POST /api/stores` and `PUT /api/baskets/{id}/addItem`
beside raw asyncpg transactions of the same number of inserts (3 for a store: event, read
model row, outbox row; 2 for an addItem: event, outbox row) at the same concurrency, and the
generator against the trivial endpoint, in alternating rounds."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from mall_adapters.bench.common import CEILING_NOTE, ceiling, new_report, summarize, trivial_server
from mall_adapters.bench.cpu import CpuMeter
from mall_adapters.bench.loadgen import Call, generator, in_process_of_its_own, load
from mall_adapters.bench.procs import Target
from mall_adapters.bench.report import Report
from mall_adapters.bench.stats import ratio

BASKETS_PER_CLIENT = 4  # adds spread over many baskets, so they rarely conflict
STORE_INSERTS, ADD_INSERTS = 3, 2


def bench_write(mall: Target, clients: int, seconds: float, rounds: int, python: bool) -> Report:
    dsn, _ = mall.needs("bench write")
    settings = {"clients": clients, "seconds": seconds, "rounds": rounds}
    report = new_report("write", settings | {"generator": generator(python)}, mall)
    adds = [_add_call(basket, product) for basket, product in _prepare(mall.http, clients)]
    store = Call("POST", "/api/stores", json.dumps({"name": "Written", "location": "Row 2"}))
    with trivial_server() as trivial:
        kinds: list[tuple[str, Callable[[float], dict[str, Any]]]] = [
            ("generator ceiling", lambda s: ceiling(trivial, clients, s, python)),
            ("POST /api/stores", lambda s: load(mall.http, [store], clients, s, python)),
            (f"raw tx x{STORE_INSERTS} inserts", lambda s: _raw(dsn, clients, s, STORE_INSERTS)),
            ("PUT addItem", lambda s: load(mall.http, adds, clients, s, python)),
            (f"raw tx x{ADD_INSERTS} inserts", lambda s: _raw(dsn, clients, s, ADD_INSERTS)),
        ]
        for _, measure in kinds:  # warm-up, not counted
            measure(1)
        for number in range(1, rounds + 1):
            for kind, measure in kinds:
                meter = CpuMeter(mall.pid)
                figures = measure(seconds) | meter.percent()
                report.rounds.append({"round": number, "kind": kind, **figures})
    summarize(report, [k for k, _ in kinds])
    rates = {kind: row["per_s"] for kind, row in report.results.items()}
    raw_store, raw_add = (
        rates[f"raw tx x{STORE_INSERTS} inserts"],
        rates[f"raw tx x{ADD_INSERTS} inserts"],
    )
    report.ratios["POST store / raw"] = ratio(rates["POST /api/stores"], raw_store)
    report.ratios["addItem / raw"] = ratio(rates["PUT addItem"], raw_add)
    report.notes.append("errors count non-2xx answers (e.g. 409 when two adds meet on a basket)")
    report.notes.append(CEILING_NOTE)
    return report


def _raw(dsn: str, clients: int, seconds: float, inserts: int) -> dict[str, Any]:
    spec = {"dsn": dsn, "clients": clients, "seconds": seconds, "inserts": inserts}
    return in_process_of_its_own("mall_adapters.bench.raw_writes", spec)


def _add_call(basket: str, product: str) -> Call:
    body = json.dumps({"productId": product, "quantity": 1})
    return Call("PUT", f"/api/baskets/{basket}/addItem", body)


def _prepare(base: str, clients: int) -> list[tuple[str, str]]:
    """BASKETS_PER_CLIENT baskets per client, and a product for them."""
    with httpx.Client(base_url=base, timeout=30) as api:
        store = _ok(api, "/api/stores", {"name": "Write", "location": "L"})["id"]
        product = _ok(api, f"/api/stores/{store}/products", {"name": "P", "price": 1.0})["id"]
        count = clients * BASKETS_PER_CLIENT
        baskets = [_ok(api, "/api/baskets", {"customerId": f"w{n}"})["id"] for n in range(count)]
    return [(basket, product) for basket in baskets]


def _ok(api: httpx.Client, path: str, body: Any) -> Any:
    response = api.post(path, json=body)
    response.raise_for_status()
    return response.json()
