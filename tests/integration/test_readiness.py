"""`/readiness` tells the truth: 503 with the reasons while NATS is away and the outbox
relay keeps failing, 200 again once they recover (`/liveness` stays 200 throughout)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mall_adapters.infra.nats import EmbeddedNats
from tests.support.app import make_settings, running_app
from tests.support.polling import eventually


@pytest.fixture
def private_nats(tmp_path: Path) -> Iterator[EmbeddedNats]:
    server = EmbeddedNats(tmp_path / "nats")
    server.start()
    yield server
    server.stop()


async def test_readiness_follows_the_broker_and_the_relays(
    pg_dsn: str, private_nats: EmbeddedNats, tmp_path: Path
) -> None:
    settings = make_settings(pg_dsn, private_nats.address, tmp_path, relay_unhealthy_seconds=0.5)
    async with running_app(settings) as (client, root):

        async def readiness() -> tuple[int, Any]:
            response = await client.get("/readiness")
            return response.status_code, response.json()

        assert await readiness() == (200, {"status": "ready", "reasons": []})

        private_nats.stop()
        _, body = await eventually(readiness, lambda r: r[0] == 503)
        assert body["status"] == "unavailable"
        assert any(f"NATS at {private_nats.address} is unreachable" in r for r in body["reasons"])

        created = await client.post("/api/stores", json={"name": "Queued", "location": "L1"})
        assert created.status_code == 200  # the write lands in the outbox meanwhile
        _, body = await eventually(
            readiness,
            lambda r: any("stores outbox relay has been failing" in x for x in r[1]["reasons"]),
        )
        assert (await client.get("/liveness")).status_code == 200

        private_nats.start()
        await eventually(readiness, lambda r: r[0] == 200, within=30)
        db = root.infra.db()
        unpublished = "SELECT count(*) FROM stores.outbox WHERE published_at IS NULL"
        await eventually(lambda: db.fetchval(unpublished), lambda n: n == 0)
