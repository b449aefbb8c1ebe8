"""The app's AsyncAPI pages: `/asyncapi/` lists every module, `/asyncapi/<module>` embeds the
module's bundled document for the vendored react component, and every asset a page loads is
served by the app itself (nothing from a CDN)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from mall_adapters.bootstrap.settings import ALL_MODULES
from tests.integration.test_http_errors import assert_error
from tests.support.app import AppUnderTest
from tests.support.html_links import is_remote, references

App = AppUnderTest
ROOT = Path(__file__).resolve().parents[2]
EMBEDDED = re.compile(
    r'<script id="asyncapi-document" type="application/json">(.*?)</script>', re.S
)


async def assert_local_and_served(app: App, page: str, base: str) -> None:
    client, _ = app
    found = references(page)
    assert found, "a page that loads nothing proves nothing here"
    assert [url for _, url in found if is_remote(url)] == []
    for tag, url in found:
        path = urlsplit(url).path
        assert path.startswith("/"), (tag, url, base)
        response = await client.get(path)
        assert response.status_code == 200, (tag, url)


async def test_the_index_lists_every_module_with_its_page_and_bundle(app: App) -> None:
    client, _ = app
    response = await client.get("/asyncapi/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    listed = re.findall(r'<li data-module="([a-z]+)">', response.text)
    assert listed == list(ALL_MODULES)
    links = [url for tag, url in references(response.text) if tag == "a"]
    for module in ALL_MODULES:
        assert f"/asyncapi/{module}" in links
        assert f"/specs/bundled/asyncapi/{module}.json" in links
    await assert_local_and_served(app, response.text, "/asyncapi/")
    assert (await client.get("/asyncapi")).text == response.text


@pytest.mark.parametrize("module", ALL_MODULES)
async def test_a_module_page_embeds_its_bundled_document(app: App, module: str) -> None:
    client, _ = app
    response = await client.get(f"/asyncapi/{module}")
    assert response.status_code == 200
    (embedded,) = EMBEDDED.findall(response.text)
    bundled = json.loads((ROOT / f"specs/bundled/asyncapi/{module}.json").read_text())
    assert json.loads(embedded) == bundled
    assert bundled["operations"]  # what the react component shows
    scripts = [url for tag, url in references(response.text) if tag in ("script", "link")]
    assert scripts == [
        "/static/asyncapi-react/default.min.css",
        "/static/asyncapi-react/index.js",
    ]
    await assert_local_and_served(app, response.text, f"/asyncapi/{module}")


async def test_the_bundled_document_is_served_as_json(app: App) -> None:
    client, _ = app
    response = await client.get("/specs/bundled/asyncapi/ordering.json")
    assert (response.status_code, response.headers["content-type"]) == (200, "application/json")
    assert response.json()["channels"]["BasketEvents"]


async def test_an_unknown_module_is_a_plain_404(app: App) -> None:
    client, _ = app
    assert_error(await client.get("/asyncapi/common"), 404, 5, "Not Found")
    assert_error(await client.get("/asyncapi/nope"), 404, 5, "Not Found")
