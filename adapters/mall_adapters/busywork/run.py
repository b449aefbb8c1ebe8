"""Running the simulation: N clients against one IntelliMall until the duration is over or
SIGINT/SIGTERM, then a clean stop (orders being followed get a short grace) and the final
summary."""

from __future__ import annotations

import asyncio
import contextlib
import random
import signal
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
from rich.console import Console
from rich.live import Live

from mall_adapters.busywork import admin, summary
from mall_adapters.busywork.actor import Actor
from mall_adapters.busywork.clients import run_client
from mall_adapters.busywork.mall_api import MallApi
from mall_adapters.busywork.rss import read_rss, watch_rss
from mall_adapters.busywork.tally import Tally
from mall_adapters.busywork.transport import JsonTransport

GRACE_SECONDS = 3.0  # for orders in the middle of their lifecycle at a stop
LINE_SECONDS = 5.0  # a summary line this often when the output is not a terminal
REQUEST_SECONDS = 30.0
OPENING_STORES = 3


Shower = Callable[[asyncio.Event], Coroutine[Any, Any, None]]


@dataclass(frozen=True)
class Options:
    url: str
    clients: int
    duration: float | None
    seed: int  # client n throws random.Random(seed + n)
    speed: float


async def simulate(options: Options, console: Console) -> Tally:
    tally, stop = Tally(), asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    followers: set[asyncio.Task[None]] = set()

    def spawn(work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        followers.add(task)
        task.add_done_callback(followers.discard)

    def say(text: str) -> None:
        console.print(text, markup=False, highlight=False, soft_wrap=True)

    # Idle connections are dropped before the server's keep-alive timeout (uvicorn's 5 s):
    # reusing one the server is closing at that moment ends in a ReadError.
    limits = httpx.Limits(max_connections=4 * options.clients + 4, keepalive_expiry=2.0)
    async with httpx.AsyncClient(
        base_url=options.url, timeout=REQUEST_SECONDS, limits=limits
    ) as http:
        api = MallApi(JsonTransport(http, tally))
        seed = options.seed
        opener = Actor(0, random.Random(seed), api, tally, say, spawn, options.speed)
        await admin.open_mall(opener, OPENING_STORES)
        clients = [
            asyncio.create_task(
                run_client(
                    Actor(n, random.Random(seed + n), api, tally, say, spawn, options.speed), stop
                )
            )
            for n in range(1, options.clients + 1)
        ]
        watchers = [asyncio.create_task(watch_rss(http, tally, stop))]
        with _shown(console, tally) as show:
            watchers.append(asyncio.create_task(show(stop)))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), options.duration)
            stop.set()
            await _cancel(clients)
            if followers:
                await asyncio.wait(set(followers), timeout=GRACE_SECONDS)
            await _cancel([*followers, *watchers])
        await read_rss(http, tally)
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.remove_signal_handler(sig)
    return tally


async def _cancel(tasks: list[asyncio.Task[None]]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


@contextlib.contextmanager
def _shown(console: Console, tally: Tally) -> Iterator[Shower]:
    """Yields the coroutine function that keeps the summary on screen until `stop`."""
    rate = summary.Rate(tally)
    if console.is_terminal:
        with Live(get_renderable=lambda: summary.live(tally, rate), console=console) as live:

            async def refreshed(stop: asyncio.Event) -> None:
                await stop.wait()
                live.refresh()

            yield refreshed
        return

    async def lines(stop: asyncio.Event) -> None:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), LINE_SECONDS)
            console.print(summary.line(tally, rate), markup=False, highlight=False, soft_wrap=True)

    yield lines
