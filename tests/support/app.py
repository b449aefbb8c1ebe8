"""Settings for tests and a running app behind an HTTP client, all on the test's event loop."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Protocol, TypeVar

import httpx
from dependency_injector import providers
from litestar import Litestar

from mall_adapters.bootstrap.app import create_app
from mall_adapters.bootstrap.containers import Root
from mall_adapters.bootstrap.infrastructure import MessagingKit
from mall_adapters.bootstrap.runtime import running
from mall_adapters.bootstrap.settings import Settings

AppUnderTest = tuple[httpx.AsyncClient, Root]
"""An HTTP client for the app, and its composition root (for `root.infra.db()` etc.)."""


class ModuleContainer(Protocol):
    @property
    def kit(self) -> providers.Container[MessagingKit]: ...


Module = TypeVar("Module", bound=ModuleContainer)


def kit(module: providers.Container[Module]) -> MessagingKit:
    """The messaging kit (outbox, dead letters, consumer...) of one of the root's modules, as
    in `kit(root.stores).outbox()`."""
    return module.container.kit.container


def make_settings(pg_dsn: str, nats_url: str, data_dir: Path, **overrides: Any) -> Settings:
    # Any, as in Settings.from_env: the overrides are of each field's own type.
    values: dict[str, Any] = {
        "pg_dsn": pg_dsn,
        "nats_url": nats_url,
        "data_dir": data_dir,
        "retry_delay_seconds": 0.05,
        "relay_poll_seconds": 0.2,
        "query_timeout_seconds": 2.0,
        **overrides,
    }
    return Settings(**values)


def app_client(app: Litestar) -> httpx.AsyncClient:
    """An HTTP client that calls `app` in this process, on the test's event loop."""
    # Both type the same ASGI call: httpx with plain mappings, Litestar with its TypedDicts.
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


@asynccontextmanager
async def running_app(settings: Settings) -> AsyncIterator[AppUnderTest]:
    root = Root(settings=settings)
    app = create_app(settings, root, manage_lifespan=False)
    # drain_seconds=0: each test resets the stream, nothing delivered needs handing over
    async with running(root, settings.modules, drain_seconds=0), app_client(app) as client:
        yield client, root
