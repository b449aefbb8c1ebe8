"""The per-request unit of work, as a wrapper around a module's port.

Every call to the wrapped port runs in one transaction: the use case, the domain-event
handlers it triggers (projections, translation to integration messages) and the outbox rows
they write commit together, or roll back together when anything raises.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar, cast

from mall_adapters.postgres.database import Database

T = TypeVar("T")


def transactional(port: T, db: Database, on_success: Callable[[str], None] | None = None) -> T:
    """`port` with each async method wrapped in `db.transaction()`.

    `on_success(method_name)` runs after the commit (business counters).
    """

    class Transactional:
        def __getattr__(self, name: str) -> Any:
            attr = getattr(port, name)
            if not inspect.iscoroutinefunction(attr):
                return attr

            @functools.wraps(attr)
            async def call(*args: Any, **kwargs: Any) -> Any:
                async with db.transaction():
                    result = await attr(*args, **kwargs)
                if on_success is not None:
                    on_success(name)
                return result

            setattr(self, name, call)  # built once: later look-ups skip __getattr__
            return call

    return cast(T, Transactional())
