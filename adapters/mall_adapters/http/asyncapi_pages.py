"""The AsyncAPI pages: an index of the modules, and one page per module that renders its
bundled (self-contained) document with the vendored `@asyncapi/react-component` standalone
bundle. The same pages are served by the app and written by `intellimall docs build`; only
the links differ (absolute in the app, relative in the static site).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from litestar import MediaType, get
from litestar.exceptions import NotFoundException
from litestar.handlers import HTTPRouteHandler
from litestar.params import FromPath


@dataclass(frozen=True)
class Links:
    """Where a page's links point; `{module}` is replaced by the module's name."""

    assets: str  # the folder holding swagger-ui/ and asyncapi-react/
    index: str
    page: str
    document: str
    openapi: str


APP_LINKS = Links(
    assets="/static",
    index="/asyncapi/",
    page="/asyncapi/{module}",
    document="/specs/bundled/asyncapi/{module}.json",
    openapi="/docs",
)


def bundled_document(specs_dir: Path, module: str) -> dict[str, Any]:
    """The module's bundled AsyncAPI document (written by `intellimall codegen`)."""
    path = specs_dir / "bundled" / "asyncapi" / f"{module}.json"
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


INDEX_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>IntelliMall messaging (AsyncAPI)</title>
  <style>body { font-family: system-ui, sans-serif; max-width: 60em; margin: 2em auto; }
  li { margin: 0.5em 0; }</style>
</head>
<body>
  <h1>IntelliMall messaging (AsyncAPI)</h1>
  <p>Each module's AsyncAPI 3.0 document: the channels it publishes and the ones it consumes.
  The REST APIs are on the <a href="__OPENAPI__">OpenAPI pages</a>.</p>
  <ul id="modules">
__ITEMS__
  </ul>
</body>
</html>
"""

ITEM = (
    '    <li data-module="{module}"><a href="{page}">{title}</a> ({module}):'
    ' {summary} <a href="{document}">bundled document</a></li>'
)

MODULE_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>__TITLE__ (AsyncAPI)</title>
  <link rel="stylesheet" href="__ASSETS__/asyncapi-react/default.min.css">
  <style>body { margin: 0; font-family: system-ui, sans-serif; } nav { padding: 0.5em; }</style>
</head>
<body>
  <nav><a href="__INDEX__">All modules</a> | <a href="__DOCUMENT__">Bundled document</a></nav>
  <div id="asyncapi"></div>
  <script id="asyncapi-document" type="application/json">__DOCUMENT_JSON__</script>
  <script src="__ASSETS__/asyncapi-react/index.js"></script>
  <script>
    AsyncApiStandalone.render({
      schema: JSON.parse(document.getElementById("asyncapi-document").textContent),
      config: { show: { sidebar: true } }
    }, document.getElementById("asyncapi"));
  </script>
</body>
</html>
"""


def index_page(documents: dict[str, dict[str, Any]], links: Links) -> str:
    """`documents`: module -> its bundled document, in the order to list them."""
    items = []
    for module, document in documents.items():
        info = document["info"]
        summary = str(info.get("description", "")).strip().split("\n\n")[0].replace("\n", " ")
        items.append(
            ITEM.format(
                module=html.escape(module),
                page=html.escape(links.page.format(module=module)),
                title=html.escape(info["title"]),
                summary=html.escape(summary),
                document=html.escape(links.document.format(module=module)),
            )
        )
    return INDEX_PAGE.replace("__OPENAPI__", html.escape(links.openapi)).replace(
        "__ITEMS__", "\n".join(items)
    )


def module_page(module: str, document: dict[str, Any], links: Links) -> str:
    # Inside <script>, "</" could close the element: JSON allows "<\/" for it.
    embedded = json.dumps(document, ensure_ascii=False).replace("</", "<\\/")
    return (
        MODULE_PAGE.replace("__TITLE__", html.escape(document["info"]["title"]))
        .replace("__ASSETS__", html.escape(links.assets))
        .replace("__INDEX__", html.escape(links.index))
        .replace("__DOCUMENT__", html.escape(links.document.format(module=module)))
        .replace("__DOCUMENT_JSON__", embedded)
    )


def asyncapi_routes(specs_dir: Path, modules: tuple[str, ...]) -> list[HTTPRouteHandler]:
    """GET `/asyncapi/` (the index) and `/asyncapi/<module>`, rendered once at start-up."""
    documents = {module: bundled_document(specs_dir, module) for module in modules}
    index = index_page(documents, APP_LINKS)
    pages = {m: module_page(m, document, APP_LINKS) for m, document in documents.items()}

    @get("/asyncapi", media_type=MediaType.HTML, sync_to_thread=False)
    def asyncapi_index() -> str:
        return index

    @get("/asyncapi/{module:str}", media_type=MediaType.HTML, sync_to_thread=False)
    def asyncapi_module(module: FromPath[str]) -> str:
        if module not in pages:
            raise NotFoundException()
        return pages[module]

    return [asyncapi_index, asyncapi_module]
