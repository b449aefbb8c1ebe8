"""Driven ports every context may need: time and identity."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    """The current time, timezone-aware (UTC)."""

    def now(self) -> datetime: ...


class IdGenerator(Protocol):
    """New unique ids (UUID strings in production)."""

    def new_id(self) -> str: ...
