"""`intellimall bench checkout` and `bench lifecycle`: drive prepared orders from checkout
to `approved` (checkout) or through assign, complete and pay to `completed` (lifecycle);
orders/s and latency per round, closed loop at C clients and, with `--rate`, open loop at a
fixed arrival rate (latency from the scheduled send time, so queueing shows), alternating;
then the saga's per-step times from its history, per loop."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from mall_adapters.bench.common import new_report, summarize
from mall_adapters.bench.cpu import CpuMeter
from mall_adapters.bench.order_setup import Prepared, ok, prepare, step_times
from mall_adapters.bench.order_watch import OrderWatch
from mall_adapters.bench.procs import Target
from mall_adapters.bench.report import Report
from mall_adapters.bench.settle import settled
from mall_adapters.bench.stats import latency_figures, rate
from mall_contracts.ordering.messages import ORDER_APPROVED, ORDER_COMPLETED

TIMEOUT_SECONDS = 120.0
WARM_UP = 5
SAGA_SAMPLE = 200


def bench_orders(
    mall: Target, kind: str, orders: int, concurrency: int, arrivals: float | None, rounds: int
) -> Report:
    _, nats_url = mall.needs(f"bench {kind}")
    settings = {"orders": orders, "concurrency": concurrency, "rate": arrivals, "rounds": rounds}
    report = new_report(kind, settings, mall)
    modes: list[tuple[str, float | None]] = [(f"closed loop, {concurrency} clients", None)]
    if arrivals:
        modes.append((f"open loop, {arrivals:g} orders/s", arrivals))
    drive = Drive(kind, concurrency)
    asyncio.run(drive.run(report, mall, nats_url, orders, modes, rounds))
    return report


class Drive:
    def __init__(self, kind: str, concurrency: int) -> None:
        self.kind, self.concurrency = kind, concurrency
        self.watch = OrderWatch()
        self.errors: list[str] = []

    async def run(
        self,
        report: Report,
        mall: Target,
        nats_url: str,
        orders: int,
        modes: list[tuple[str, float | None]],
        rounds: int,
    ) -> None:
        await self.watch.start(nats_url)
        limits = httpx.Limits(max_connections=max(self.concurrency, 256))
        try:
            async with httpx.AsyncClient(base_url=mall.http, timeout=60, limits=limits) as api:
                tag = uuid.uuid4().hex[:6]
                await self.closed(api, await prepare(api, WARM_UP, tag + "w"))  # not counted
                driven: dict[str, list[str]] = {label: [] for label, _ in modes}
                for number in range(1, rounds + 1):
                    for label, arrivals in modes:
                        batch = await prepare(api, orders, f"{tag}{number}{label[:4]}")
                        await settled(mall.pg_dsn)
                        meter = CpuMeter(mall.pid)
                        figures = await (
                            self.closed(api, batch)
                            if arrivals is None
                            else self.open(api, batch, arrivals)
                        )
                        figures |= meter.percent()
                        report.rounds.append({"round": number, "kind": label, **figures})
                        driven[label] += [p.basket for p in batch]
                summarize(report, [label for label, _ in modes])
                for label, ids in driven.items():  # each loop's own, as they differ
                    for command, values in (await step_times(api, ids[-SAGA_SAMPLE:])).items():
                        row = {"count": len(values), **latency_figures(values)}
                        report.results[f"saga step {command}, {label.split(',')[0]}"] = row
        finally:
            await self.watch.stop()
        report.notes.extend(sorted(set(self.errors))[:5])

    async def one(self, api: httpx.AsyncClient, order: Prepared, start: float) -> float:
        """Seconds from `start` until the order reached its end state, as an event."""
        body = {"paymentId": order.payment}
        await ok(api, "PUT", f"/api/baskets/{order.basket}/checkout", body)
        async with asyncio.timeout(TIMEOUT_SECONDS):
            at, approved = await self.watch.reached(order.basket, ORDER_APPROVED)
        if self.kind == "checkout":
            return at - start
        shopping = f"/api/depot/shopping/{approved.shopping_id}"
        await ok(api, "PUT", f"{shopping}/assign", {"botId": "bench-bot"})
        await ok(api, "PUT", f"{shopping}/complete", {})
        pay = f"/api/payments/invoices/{order.basket}/pay"
        # Payments bills the order when it consumes OrderReadied, which tells nobody.
        while (paid := await api.put(pay, json={})).status_code == 404:  # noqa: ASYNC110
            await asyncio.sleep(0.02)
        paid.raise_for_status()
        async with asyncio.timeout(TIMEOUT_SECONDS):
            at, _ = await self.watch.reached(order.basket, ORDER_COMPLETED)
        return at - start

    async def closed(self, api: httpx.AsyncClient, batch: list[Prepared]) -> dict[str, Any]:
        queue = list(reversed(batch))
        latencies: list[float] = []

        async def client() -> None:
            while queue:
                await self._timed(self.one(api, queue.pop(), time.perf_counter()), latencies)

        return await self._figures(
            lambda: asyncio.gather(*(client() for _ in range(self.concurrency))), batch, latencies
        )

    async def open(
        self, api: httpx.AsyncClient, batch: list[Prepared], arrivals: float
    ) -> dict[str, Any]:
        latencies: list[float] = []

        async def schedule() -> None:
            begin, tasks = time.perf_counter(), []
            for n, order in enumerate(batch):
                due = begin + n / arrivals
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
                tasks.append(asyncio.create_task(self._timed(self.one(api, order, due), latencies)))
            await asyncio.gather(*tasks)

        return await self._figures(schedule, batch, latencies)

    async def _timed(self, order: Awaitable[float], latencies: list[float]) -> None:
        try:
            latencies.append(await order)
        except Exception as error:  # counted and named in the report, the run goes on
            self.errors.append(f"{type(error).__name__}: {error}"[:200])

    async def _figures(
        self, drive: Callable[[], Awaitable[Any]], batch: list[Prepared], latencies: list[float]
    ) -> dict[str, Any]:
        started = time.perf_counter()
        await drive()
        seconds = time.perf_counter() - started
        errors = len(batch) - len(latencies)
        return {
            "count": len(latencies),
            "seconds": round(seconds, 2),
            "per_s": rate(len(latencies), seconds),
            "errors": errors,
            **latency_figures(latencies),
        }
