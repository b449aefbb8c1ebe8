"""`intellimall bench read`: `GET /api/stores/{id}` and `GET /api/baskets/{id}` beside a
bare Litestar + asyncpg handler reading one store row by key from the same PostgreSQL, and
the generator against the trivial endpoint, in alternating rounds."""

from __future__ import annotations

import sys
from typing import Any

import httpx

from mall_adapters.bench.common import CEILING_NOTE, ceiling, new_report, summarize, trivial_server
from mall_adapters.bench.cpu import CpuMeter
from mall_adapters.bench.loadgen import Call, generator, load
from mall_adapters.bench.procs import Target, serving
from mall_adapters.bench.report import Report
from mall_adapters.bench.stats import ratio
from mall_adapters.infra.ports import free_port

KEYS = 20  # distinct stores and baskets the calls cycle through


def bench_read(mall: Target, clients: int, seconds: float, rounds: int, python: bool) -> Report:
    dsn, _ = mall.needs("bench read")
    settings = {"clients": clients, "seconds": seconds, "rounds": rounds}
    report = new_report("read", settings | {"generator": generator(python)}, mall)
    stores, baskets = _prepare(mall.http)
    port = free_port()
    bare_command = [sys.executable, "-m", "mall_adapters.bench.bare", dsn, str(port)]
    bare = f"http://127.0.0.1:{port}"
    with serving(bare_command, f"{bare}/liveness"), trivial_server() as trivial:
        kinds: list[tuple[str, str, list[Call]]] = [
            ("generator ceiling", trivial, [Call("GET", "/")]),
            ("GET /api/stores/{id}", mall.http, [Call("GET", f"/api/stores/{s}") for s in stores]),
            ("bare GET store row", bare, [Call("GET", f"/stores/{s}") for s in stores]),
            (
                "GET /api/baskets/{id}",
                mall.http,
                [Call("GET", f"/api/baskets/{b}") for b in baskets],
            ),
        ]
        for _, base, calls in kinds:  # warm-up, not counted
            load(base, calls, clients, 1, python)
        for number in range(1, rounds + 1):
            for kind, base, calls in kinds:
                meter = CpuMeter(mall.pid)
                if kind == "generator ceiling":
                    figures = ceiling(base, clients, seconds, python)
                else:
                    figures = load(base, calls, clients, seconds, python)
                figures |= meter.percent()
                report.rounds.append({"round": number, "kind": kind, **figures})
    summarize(report, [k for k, _, _ in kinds])
    bare_rate = report.results["bare GET store row"]["per_s"]
    report.ratios["GET store / bare"] = ratio(
        report.results["GET /api/stores/{id}"]["per_s"], bare_rate
    )
    report.ratios["GET basket / bare"] = ratio(
        report.results["GET /api/baskets/{id}"]["per_s"], bare_rate
    )
    report.ratios["GET store / generator ceiling"] = ratio(
        report.results["GET /api/stores/{id}"]["per_s"],
        report.results["generator ceiling"]["per_s"],
    )
    report.notes.append(CEILING_NOTE)
    return report


def _prepare(base: str) -> tuple[list[str], list[str]]:
    """KEYS stores, and KEYS baskets holding one item each."""
    with httpx.Client(base_url=base, timeout=30) as api:
        stores = [
            _ok(api, "POST", "/api/stores", {"name": f"Read {n}", "location": "L"})["id"]
            for n in range(KEYS)
        ]
        product = _ok(
            api, "POST", f"/api/stores/{stores[0]}/products", {"name": "P", "price": 2.5}
        )["id"]
        baskets = []
        for n in range(KEYS):
            basket = _ok(api, "POST", "/api/baskets", {"customerId": f"read-{n}"})["id"]
            _ok(api, "PUT", f"/api/baskets/{basket}/addItem", {"productId": product, "quantity": 1})
            baskets.append(basket)
    return stores, baskets


def _ok(api: httpx.Client, method: str, path: str, body: Any) -> Any:
    response = api.request(method, path, json=body)
    response.raise_for_status()
    return response.json()
