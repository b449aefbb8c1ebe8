"""The pages to look at, and what each must show, read from the specs (no second list)."""

from __future__ import annotations

import json
import re
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


CATALOG = PROJECT_ROOT / "catalog"


def catalog_page(folder: str, item: str) -> dict[str, Any]:
    """The front matter of a generated catalog page (`catalog/<folder>/<item>/index.mdx`)."""
    text = (CATALOG / folder / item / "index.mdx").read_text(encoding="utf-8")
    front: dict[str, Any] = yaml.safe_load(text.split("---\n", 2)[1])
    return front


def message_name(message_id: str) -> str:
    for folder in ("events", "commands", "queries"):
        if (CATALOG / folder / message_id / "index.mdx").is_file():
            return str(catalog_page(folder, message_id)["name"])
    raise LookupError(f"no catalog page for message {message_id}")


def catalog_home_screen() -> Screen:
    """The catalog's home page: the domain, its name and the catalog's tagline."""
    config = (CATALOG / "eventcatalog.config.js").read_text(encoding="utf-8")
    tagline = re.search(r"tagline: '(.*)',", config)
    assert tagline is not None, "eventcatalog.config.js has no tagline"
    domain = catalog_page("domains", "intellimall")["name"]
    return Screen(name="catalog-home", path="/", ready="main", shows=(domain, tagline[1]))


def catalog_service_screen(module: str) -> Screen:
    """A module's service page: its name and every message it sends and receives."""
    service = catalog_page("services", module)
    messages = [item["id"] for item in (*service["sends"], *service["receives"])]
    return Screen(
        name=f"catalog-{module}",
        path=f"/docs/services/{module}/{service['version']}/index.html",
        ready="main",
        shows=tuple(dict.fromkeys([service["name"], *map(message_name, messages)])),
        full_page=False,
    )


def catalog_map_screen(module: str) -> Screen:
    """A module's map in the visualiser: its service, the messages and their channels drawn as
    a graph."""
    service = catalog_page("services", module)
    return Screen(
        name=f"catalog-map-{module}",
        path=f"/visualiser/services/{module}/{service['version']}",
        ready=".react-flow__node",
        shows=(service["name"],),
        full_page=False,
    )


def catalog_flow_screen(flow_id: str) -> Screen:
    """A flow page: its name and the service and message of each step."""
    flow = catalog_page("flows", flow_id)
    shows: list[str] = [flow["name"]]
    for step in flow["steps"]:
        if "service" in step:
            shows.append(catalog_page("services", step["service"]["id"])["name"])
        if "message" in step:
            shows.append(message_name(step["message"]["id"]))
    return Screen(
        name=f"catalog-flow-{flow_id}",
        path=f"/docs/flows/{flow_id}/{flow['version']}/index.html",
        ready="main",
        shows=tuple(dict.fromkeys(shows)),
        full_page=False,
    )


def catalog_screens() -> list[Screen]:
    flows = sorted(path.name for path in (CATALOG / "flows").iterdir() if path.is_dir())
    return [
        catalog_home_screen(),
        *(catalog_service_screen(module) for module in ALL_MODULES),
        catalog_map_screen("ordering"),
        *(catalog_flow_screen(flow) for flow in flows),
    ]
