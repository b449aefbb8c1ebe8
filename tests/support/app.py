"""Settings for tests and a running app behind an HTTP client, all on the test's event loop."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from mall_adapters.bootstrap.app import create_app
from mall_adapters.bootstrap.containers import Root
from mall_adapters.bootstrap.runtime import running
from mall_adapters.bootstrap.settings import Settings

AppUnderTest = tuple[httpx.AsyncClient, Root]
"""An HTTP client for the app, and its composition root (for `root.infra.db()` etc.)."""


def make_settings(pg_dsn: str, nats_url: str, data_dir: Path, **overrides: object) -> Settings:
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
async def running_app(settings: Settings) -> AsyncIterator[AppUnderTest]:
    root = Root(settings=settings)
    app = create_app(settings, root, manage_lifespan=False)
    async with running(root, settings.modules, drain_seconds=0):  # each test resets the stream
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client, root
