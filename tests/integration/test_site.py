"""The routes around the API: spec files with their media types, plain 404s that show nothing
of the file system, and Prometheus metrics with the process collectors."""

from __future__ import annotations

from pathlib import Path

import pytest
from prometheus_client import CONTENT_TYPE_LATEST

from tests.integration.test_http_errors import assert_error
from tests.support.app import AppUnderTest

App = AppUnderTest
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/specs/openapi/stores.yaml", "application/yaml"),
        ("/specs/asyncapi/common.yaml", "application/yaml"),
        ("/static/swagger-ui/swagger-ui.css", "text/css; charset=utf-8"),
        ("/static/swagger-ui/favicon-32x32.png", "image/png"),
    ],
)
async def test_files_are_served_with_their_media_type(app: App, path: str, media_type: str) -> None:
    client, _ = app
    response = await client.get(path)
    assert (response.status_code, response.headers["content-type"]) == (200, media_type)
    assert response.headers["content-disposition"] == f'inline; filename="{Path(path).name}"'
    if path.startswith("/specs/"):
        assert response.content == (ROOT / path.lstrip("/")).read_bytes()
    head = await client.head(path)
    assert (head.status_code, head.content) == (200, b"")


@pytest.mark.parametrize(
    "path",
    [
        "/specs/openapi/nope.yaml",
        "/specs/openapi",
        "/specs/openapi/",
        "/specs/openapi/..%2F..%2Fpyproject.toml",
        "/specs/" + "x" * 300,
        "/static/swagger-ui/nope.js",
        "/static/swagger-ui",
        "/static/..%2F__init__.py",
    ],
)
async def test_a_missing_file_is_a_plain_404(app: App, path: str) -> None:
    client, _ = app
    response = await client.get(path)
    assert_error(response, 404, 5, "Not Found")
    assert response.json()["message"] == "Not Found"  # no path, relative or absolute


async def test_metrics_have_one_charset_and_the_process_collectors(app: App) -> None:
    client, _ = app
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"] == CONTENT_TYPE_LATEST
    assert response.headers["content-type"].count("charset") == 1
    names = {line.split()[2] for line in response.text.splitlines() if line.startswith("# TYPE")}
    for wanted in ("process_cpu_seconds_total", "python_info", "python_gc_collections_total"):
        assert wanted in names, sorted(names)
    assert "stores_received_messages_count_total" in names  # the app's own metrics stay


async def test_http_requests_are_counted_by_route_template_and_status(app: App) -> None:
    client, _ = app
    for store_id in ("nope-1", "nope-2", "nope-3"):
        assert (await client.get(f"/api/stores/{store_id}")).status_code == 404
    created = await client.post("/api/stores", json={"name": "Counted", "location": "here"})
    assert created.status_code == 200
    found = await client.get(f"/api/stores/{created.json()['id']}")
    assert found.status_code == 200

    lines = (await client.get("/metrics")).text.splitlines()

    route = 'method="GET",route="/api/stores/{id}"'
    assert f'http_requests_count_total{{{route},status="404"}} 3.0' in lines
    assert f'http_requests_count_total{{{route},status="200"}} 1.0' in lines
    assert f'http_requests_latency_seconds_count{{{route},status="404"}} 3.0' in lines
