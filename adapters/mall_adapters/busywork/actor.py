"""One simulated client: its number, dice, API and log, and its pace.

A client's pauses, and the waits of the orders it follows, go through its `sleep`; their
deadlines read its `clock`. Both are asyncio's sleep and the monotonic clock, unless a test
gives virtual ones."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from mall_adapters.busywork import choices
from mall_adapters.busywork.mall_api import MallApi
from mall_adapters.busywork.tally import Tally

MIN_POLL_SECONDS = 0.05


@dataclass
class Actor:
    number: int
    rng: random.Random
    api: MallApi
    tally: Tally
    say: Callable[[str], None]
    spawn: Callable[[Coroutine[Any, Any, None]], None]  # runs it beside the client's loop
    speed: float = 1.0
    who: str = "someone"  # the person the client is playing right now
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    def log(self, text: str) -> None:
        self.say(f"{time.strftime('%H:%M:%S')} client {self.number}: {text}")

    async def pause(self) -> None:
        await self.sleep(choices.pause(self.rng) / self.speed)

    async def poll_pause(self) -> None:
        """Between two looks at an order that has not moved yet."""
        await self.sleep(max(MIN_POLL_SECONDS, 0.5 / self.speed))
