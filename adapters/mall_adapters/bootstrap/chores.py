"""`Chore`: periodic work a module asks the runtime to do (e.g. time out silent saga steps)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Chore:
    name: str
    every_seconds: float
    run: Callable[[], Awaitable[object]]
