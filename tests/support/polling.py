"""Waiting for asynchronous effects without asserting on timings."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


async def eventually(
    probe: Callable[[], Awaitable[T]], done: Callable[[T], bool], within: float = 10.0
) -> T:
    """Call `probe` until `done(result)`; fail with the last result after `within` seconds."""
    deadline = time.monotonic() + within
    while True:
        result = await probe()
        if done(result):
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {within}s; last value: {result!r}")
        await asyncio.sleep(0.05)
