"""Every module's outbox, emptied by the relays: tests wait for it before the app stops.

A relay cancelled just as an outbox NOTIFY wakes it can miss the cancellation (Python 3.11's
`asyncio.wait_for`), and the app's shutdown then waits for it; see `test_baskets_http.pg`.
"""

from __future__ import annotations

from mall_adapters.postgres.database import Database
from tests.support.polling import eventually

MODULES = ("stores", "customers", "baskets")


async def unpublished(db: Database) -> int:
    parts = [f"(SELECT count(*) FROM {m}.outbox WHERE published_at IS NULL)" for m in MODULES]
    async with db.transaction() as conn:
        count: int = await conn.fetchval("SELECT " + " + ".join(parts))
        return count


async def relayed(db: Database) -> None:
    """Returns once every outbox message is published (fails after the polling deadline)."""
    await eventually(lambda: unpublished(db), lambda n: n == 0)
