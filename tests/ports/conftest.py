"""Port suites run every behavioural test against each implementation of a driven port.

`backend` picks the implementation; `scoped` gives a postgres one the transaction its unit of
work would give it; memory implementations need none.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import TypeVar

import pytest

from mall_adapters.postgres.database import Database

T = TypeVar("T")


@pytest.fixture(params=["memory", "postgres"])
def backend(request: pytest.FixtureRequest) -> Database | None:
    """None for the in-memory run; an open, migrated `Database` for the PostgreSQL run."""
    if request.param == "memory":
        return None
    db: Database = request.getfixturevalue("db")
    return db


async def scoped(
    backend: Database | None, memory: Callable[[], T], postgres: Callable[[Database], T]
) -> AsyncIterator[T]:
    if backend is None:
        yield memory()
        return
    async with backend.transaction():
        yield postgres(backend)
