"""The pages to look at, and what each must show, read from the specs (no second list)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import yaml

from mall_adapters.bootstrap.settings import ALL_MODULES
from tests.support.browser import PROJECT_ROOT, Screen

SPECS = PROJECT_ROOT / "specs"
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "patch", "head", "options"})
OPENAPI_DOCUMENTS = (*ALL_MODULES, "operations")  # `/docs` lists the admin API too


def openapi_screen(document: str) -> Screen:
    """`/docs` with `document`'s OpenAPI spec selected: every operation's path and summary."""
    spec: dict[str, Any] = yaml.safe_load(
        (SPECS / "openapi" / f"{document}.yaml").read_text(encoding="utf-8")
    )
    shows: list[str] = [spec["info"]["title"]]
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                shows.extend([path, operation["summary"]])
    return Screen(
        name=f"docs-{document}",
        path=f"/docs?urls.primaryName={quote(spec['info']['title'])}",
        ready=".opblock",
        shows=tuple(dict.fromkeys(shows)),
    )


def docs_screens() -> list[Screen]:
    return [openapi_screen(document) for document in OPENAPI_DOCUMENTS]


def screen_ids(screens: list[Screen]) -> list[str]:
    return [screen.name for screen in screens]


def asyncapi_document(module: str) -> dict[str, Any]:
    """The module's bundled AsyncAPI document, the one `/asyncapi/<module>` renders."""
    document: dict[str, Any] = json.loads(
        (SPECS / "bundled" / "asyncapi" / f"{module}.json").read_text(encoding="utf-8")
    )
    return document


def asyncapi_screen(module: str) -> Screen:
    """`/asyncapi/<module>`: the AsyncAPI component shows the document's title, every operation
    (its id) and every message (its title)."""
    document = asyncapi_document(module)
    shows: list[str] = [document["info"]["title"], *document.get("operations", {})]
    shows.extend(
        message.get("title", key)
        for key, message in document.get("components", {}).get("messages", {}).items()
    )
    return Screen(
        name=f"asyncapi-{module}",
        path=f"/asyncapi/{module}",
        ready="#asyncapi .aui-root",
        shows=tuple(dict.fromkeys(shows)),
        full_page=False,  # the whole document is ~14000 px tall: the top is the screenshot
    )


def asyncapi_index_screen() -> Screen:
    """`/asyncapi/`: a link per module, titled as its document."""
    titles = [asyncapi_document(module)["info"]["title"] for module in ALL_MODULES]
    return Screen(name="asyncapi-index", path="/asyncapi/", ready="#modules", shows=tuple(titles))


def asyncapi_screens() -> list[Screen]:
    return [asyncapi_screen(module) for module in ALL_MODULES]
