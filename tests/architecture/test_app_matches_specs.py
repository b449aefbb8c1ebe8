"""The running app exposes exactly the operations the specs declare."""

from __future__ import annotations

import re
from pathlib import Path

from mall_adapters.bootstrap.app import create_app
from mall_adapters.bootstrap.settings import Settings
from mall_adapters.codegen.model import Model
from mall_adapters.http.guard import guard_input

ROOT = Path(__file__).resolve().parents[2]


def test_every_openapi_operation_is_routed_and_nothing_else(tmp_path: Path) -> None:
    app = create_app(Settings(pg_dsn="unused", nats_url="nats://unused:1", data_dir=tmp_path))
    routed = {
        (method, shape(route.path_format))
        for route in app.routes
        if route.path.startswith(("/api/", "/admin/"))
        for method in getattr(route, "methods", set()) - {"OPTIONS", "HEAD"}
    }
    declared = {
        (op.method.upper(), shape(op.path))
        for module in Model.read(ROOT).http.values()
        for op in module.operations
    }
    assert routed == declared


def shape(path: str) -> str:
    """`/api/stores/{storeId}/products` -> `/api/stores/{}/products` (names may differ)."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def test_app_construction_does_no_io(tmp_path: Path) -> None:
    """Building the app must not connect anywhere (principle 4); the servers here do not exist."""
    app = create_app(
        Settings(pg_dsn="postgresql://nobody@127.0.0.1:1/x", nats_url="nats://127.0.0.1:1")
    )
    assert app.state.root is not None


def test_every_route_runs_the_input_guard(tmp_path: Path) -> None:
    """The guard is the app's `before_request`; a route with its own hook would replace it."""
    app = create_app(Settings(pg_dsn="unused", nats_url="nats://unused:1", data_dir=tmp_path))
    handlers = [h for route in app.routes for h in getattr(route, "route_handlers", [])]
    assert handlers
    assert [h for h in handlers if h.resolve_before_request() is not guard_input] == []
