"""`/readiness` tells the truth: 503 with the reasons while NATS or PostgreSQL is away, an
outbox relay keeps failing or an embedded server is not serving, and 200 again once they
recover (`/liveness` stays 200 throughout). Requests meanwhile get 503, never a 500."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mall_adapters.bootstrap.app import create_app
from mall_adapters.bootstrap.containers import Root
from mall_adapters.bootstrap.runtime import running
from mall_adapters.infra.nats import EmbeddedNats
from mall_adapters.infra.postgres import EmbeddedPostgres
from tests.support.app import app_client, make_settings, running_app
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

        # Ready once the first relay pass is through (on a busy machine that can take a while).
        ready = await eventually(readiness, lambda r: r[0] == 200, within=30)
        assert ready == (200, {"status": "ready", "reasons": []})

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


@pytest.fixture
def private_pg(server_dir: Path) -> Iterator[EmbeddedPostgres]:
    server = EmbeddedPostgres(server_dir / "pg")  # keeps its data across stop and start
    server.start()
    yield server
    server.stop()


async def test_readiness_and_requests_while_postgres_is_away(
    private_pg: EmbeddedPostgres, nats_url: str, tmp_path: Path
) -> None:
    settings = make_settings(private_pg.address, nats_url, tmp_path)
    async with running_app(settings) as (client, _root):
        store = {"name": "Ollivanders", "location": "L1"}
        assert (await client.post("/api/stores", json=store)).status_code == 200

        private_pg.stop()
        readiness = await client.get("/readiness")
        assert readiness.status_code == 503
        assert any("PostgreSQL is unreachable" in r for r in readiness.json()["reasons"])
        for response in (
            await client.post("/api/stores", json=store),
            await client.get("/api/stores"),
        ):
            assert response.status_code == 503
            assert response.json()["message"].startswith("the database is unavailable")

        private_pg.start()
        await eventually(lambda: client.get("/readiness"), lambda r: r.status_code == 200)
        assert (await client.post("/api/stores", json=store)).status_code == 200


async def test_readiness_reports_an_embedded_server_that_is_not_serving(
    private_nats: EmbeddedNats, pg_dsn: str, tmp_path: Path
) -> None:
    settings = make_settings(pg_dsn, private_nats.address, tmp_path)
    root = Root(settings=settings)
    app = create_app(settings, root, manage_lifespan=False, embedded=[private_nats])
    async with running(root, settings.modules), app_client(app) as client:
        assert (await client.get("/readiness")).status_code == 200
        private_nats.stop()
        readiness = await client.get("/readiness")
        assert readiness.status_code == 503
        assert any(
            r.startswith("embedded NATS is not serving") for r in readiness.json()["reasons"]
        )
        private_nats.start()
        await eventually(lambda: client.get("/readiness"), lambda r: r.status_code == 200)
