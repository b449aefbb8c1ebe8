"""The target's resident memory, read from its Prometheus `/metrics` while the simulation
runs, so the summary can give the peak (the issue's target: the monolith's RSS under load)."""

from __future__ import annotations

import asyncio
import contextlib

import httpx

from mall_adapters.busywork.tally import Tally

METRIC = "process_resident_memory_bytes"
EVERY_SECONDS = 2.0


def resident_bytes(exposition: str) -> float | None:
    """The value of `process_resident_memory_bytes` in a Prometheus text exposition."""
    for line in exposition.splitlines():
        name, _, value = line.partition(" ")
        if name == METRIC:
            return float(value.split()[0])
    return None


async def read_rss(http: httpx.AsyncClient, tally: Tally) -> None:
    """One look at `/metrics`; an unreachable target just leaves no figure."""
    with contextlib.suppress(httpx.HTTPError, ValueError):
        response = await http.get("/metrics")
        if response.is_success:
            tally.rss(resident_bytes(response.text))


async def watch_rss(http: httpx.AsyncClient, tally: Tally, stop: asyncio.Event) -> None:
    while not stop.is_set():
        await read_rss(http, tally)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), EVERY_SECONDS)
