"""Background work the runtime runs while serving: `every` repeats a chore, and `Periodic`
is a module worker that does so (e.g. timing out silent saga steps)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def every(seconds: float, name: str, chore: Callable[[], Awaitable[object]]) -> None:
    """Run `chore` every `seconds` until cancelled; a failure is logged and waits its turn."""
    while True:
        await asyncio.sleep(seconds)
        try:
            await chore()
        except Exception as error:
            log.warning("%s failed: %s: %s", name, type(error).__name__, error)


class Periodic:
    """A worker (`run()` until cancelled) that runs `chore` every `seconds`."""

    def __init__(self, name: str, seconds: float, chore: Callable[[], Awaitable[object]]) -> None:
        self.name = name
        self._seconds = seconds
        self._chore = chore

    async def run(self) -> None:
        await every(self._seconds, self.name, self._chore)
