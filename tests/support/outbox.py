"""Every module's outbox, emptied by the relays: tests wait for it before the app stops.

A relay cancelled just as an outbox NOTIFY wakes it can miss the cancellation (Python 3.11's
`asyncio.wait_for`), and the app's shutdown then waits for it; see `test_baskets_http.pg`.
"""

from __future__ import annotations

from mall_adapters.bootstrap.settings import ALL_MODULES
from mall_adapters.postgres.database import Database
from tests.support.polling import eventually

MODULES = ALL_MODULES
UNPUBLISHED = "SELECT " + " + ".join(
    f"(SELECT count(*) FROM {m}.outbox WHERE published_at IS NULL)" for m in MODULES
)
"""The number of outbox messages not relayed yet, over every module."""


async def unpublished(db: Database) -> int:
    async with db.transaction() as conn:
        count: int = await conn.fetchval(UNPUBLISHED)
        return count


async def relayed(db: Database) -> None:
    """Returns once every outbox message is published (fails after the polling deadline)."""
    await eventually(lambda: unpublished(db), lambda n: n == 0)
