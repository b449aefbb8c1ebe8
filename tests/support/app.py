"""Settings for tests and a running app (lifespan and all) behind an HTTP test client."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from litestar import Litestar
from litestar.testing import AsyncTestClient

from mall_adapters.bootstrap.app import create_app
from mall_adapters.bootstrap.containers import Root
from mall_adapters.bootstrap.settings import Settings


def test_settings(pg_dsn: str, nats_url: str, data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "pg_dsn": pg_dsn,
        "nats_url": nats_url,
        "data_dir": data_dir,
        "retry_delay_seconds": 0.05,
        "relay_poll_seconds": 0.2,
        "query_timeout_seconds": 2.0,
        **overrides,
    }
    return Settings(**values)  # type: ignore[arg-type]


@asynccontextmanager
async def running_app(settings: Settings) -> AsyncIterator[tuple[AsyncTestClient[Litestar], Root]]:
    root = Root(settings=settings)
    app = create_app(settings, root)
    async with AsyncTestClient(app) as client:
        yield client, root
