"""A simulated client against a `FakeMall`, on virtual time: its pauses and polls advance
`VirtualTime` at once, so a minute of waiting takes no time, and what it waited is kept."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx

from mall_adapters.busywork.actor import Actor
from mall_adapters.busywork.mall_api import MallApi
from mall_adapters.busywork.tally import Tally
from mall_adapters.busywork.transport import JsonTransport
from tests.unit.busywork.fake_mall import FakeMall


@dataclass
class VirtualTime:
    """Kept in decimals, so a minute of 0.05 s polls adds up to a minute exactly."""

    now: Decimal = Decimal(0)
    sleeps: list[float] = field(default_factory=list)

    def clock(self) -> float:
        return float(self.now)

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += Decimal(repr(seconds))
        await asyncio.sleep(0)  # still lets other tasks run, as a real sleep would


@dataclass
class Scene:
    mall: FakeMall
    actor: Actor
    time: VirtualTime
    lines: list[str]
    spawned: list[Coroutine[Any, Any, None]]

    @property
    def tally(self) -> Tally:
        return self.actor.tally

    async def follow_spawned(self) -> None:
        """Run the order followers the client started, one after the other."""
        while self.spawned:
            await self.spawned.pop(0)


@asynccontextmanager
async def scene(mall: FakeMall, seed: int = 1) -> AsyncIterator[Scene]:
    tally, time, lines = Tally(), VirtualTime(), list[str]()
    spawned: list[Coroutine[Any, Any, None]] = []
    async with httpx.AsyncClient(transport=mall.transport(), base_url="http://mall") as http:
        actor = Actor(
            number=1,
            rng=random.Random(seed),
            api=MallApi(JsonTransport(http, tally)),
            tally=tally,
            say=lines.append,
            spawn=spawned.append,
            clock=time.clock,
            sleep=time.sleep,
        )
        yield Scene(mall, actor, time, lines, spawned)
    for work in spawned:  # never awaited by the test: close it, no "never awaited" warning
        work.close()
