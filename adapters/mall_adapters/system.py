"""Production time and ids."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from mall.kernel.ports import Clock, IdGenerator


class SystemClock(Clock):
    def now(self) -> datetime:
        return datetime.now(UTC)


class UuidIds(IdGenerator):
    def new_id(self) -> str:
        return str(uuid.uuid4())
