"""`create_app`: the Litestar application for the selected modules."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

import yaml
from litestar import Litestar
from litestar.plugins.opentelemetry import OpenTelemetryConfig, OpenTelemetryPlugin
from opentelemetry.trace import TracerProvider

from mall_adapters.bootstrap.containers import Root
from mall_adapters.bootstrap.health import (
    broker_probe,
    database_probe,
    embedded_probe,
    relays_probe,
)
from mall_adapters.bootstrap.runtime import running
from mall_adapters.bootstrap.settings import Settings
from mall_adapters.http.admin import DeadLetterOperations, ModuleDeadLetters
from mall_adapters.http.asyncapi_pages import asyncapi_routes
from mall_adapters.http.errors import EXCEPTION_HANDLERS
from mall_adapters.http.generated.operations import build_operations_routes
from mall_adapters.http.guard import guard_input
from mall_adapters.http.health import readiness_route
from mall_adapters.http.site import site_routes
from mall_adapters.infra.supervisor import EmbeddedServer
from mall_adapters.observability.exporters import configure_tracing


def api_docs(settings: Settings) -> dict[str, str]:
    """Swagger UI's list: each module's OpenAPI title and its path under `specs/`."""
    docs = {}
    for module in settings.modules:
        path = settings.specs_dir / "openapi" / f"{module}.yaml"
        title = yaml.safe_load(path.read_text(encoding="utf-8"))["info"]["title"]
        docs[title] = f"openapi/{module}.yaml"
    docs["Operations"] = "openapi/operations.yaml"
    return docs


def http_tracing(provider: TracerProvider) -> OpenTelemetryPlugin:
    """A SERVER span per request (probes and scrapes left out; `HttpMetrics` names it by its
    route once routed); SQL spans are its children."""
    config = OpenTelemetryConfig(
        tracer_provider=provider,
        exclude=["^/metrics", "^/liveness", "^/readiness"],
        exclude_spans=["receive", "send"],
    )
    return OpenTelemetryPlugin(config)


def create_app(
    settings: Settings,
    root: Root | None = None,
    on_ready: Callable[[], None] | None = None,
    *,
    manage_lifespan: bool = True,
    embedded: Sequence[EmbeddedServer] = (),
) -> Litestar:
    """The app for `settings.modules`. With `manage_lifespan=False` the caller runs
    `running(root, modules)` itself (tests do, to share one event loop with the app).
    `embedded`: the servers `up` supervises, which readiness reports on."""
    provider = configure_tracing()
    root = root or Root(settings=settings)
    broker = root.infra.broker()
    handlers: list[Any] = []
    dead_letters: dict[str, ModuleDeadLetters] = {}
    for module in settings.modules:
        container = getattr(root, module)
        handlers.extend(container.routes())
        broker.include_router(container.router())
        kit = container.kit
        dead_letters[module] = ModuleDeadLetters(kit.dead_letters(), [kit.consumer(), kit.relay()])
    handlers.extend(build_operations_routes(DeadLetterOperations(dead_letters)))
    relays = [getattr(root, module).kit.relay() for module in settings.modules]
    probes = [
        database_probe(root.infra.db()),
        broker_probe(broker, settings.nats_url),
        relays_probe(relays, settings.relay_unhealthy_seconds),
        embedded_probe(embedded),
    ]
    handlers.append(readiness_route(probes))

    @asynccontextmanager
    async def lifespan(_: Litestar) -> AsyncIterator[None]:
        async with running(root, settings.modules, on_ready):
            yield

    site = site_routes(root.infra.registry(), settings.specs_dir, api_docs(settings))
    site += asyncapi_routes(settings.specs_dir, settings.modules)
    app = Litestar(
        route_handlers=[*handlers, *site],
        lifespan=[lifespan] if manage_lifespan else [],
        exception_handlers=EXCEPTION_HANDLERS,
        before_request=guard_input,  # NUL and over-long ids never reach a handler
        openapi_config=None,
        logging_config=None,  # the CLI configures logging; Litestar must not replace it
        middleware=[root.infra.http_metrics().middleware],
        plugins=[] if provider is None else [http_tracing(provider)],
    )
    app.state.root = root
    return app
