"""Routes around the API: liveness, Prometheus metrics, the specs, and the docs pages.

Every page works offline: Swagger UI's JavaScript and CSS are served from this package.
"""

from __future__ import annotations

import json
from pathlib import Path

from litestar import MediaType, Response, get, route
from litestar.handlers import HTTPRouteHandler
from litestar.response import Redirect
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from mall_adapters.http.files import files_route

STATIC = Path(__file__).parent / "static"

SWAGGER_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>IntelliMall API</title>
  <link rel="stylesheet" href="__ASSETS__/swagger-ui/swagger-ui.css">
  <link rel="icon" type="image/png" href="__ASSETS__/swagger-ui/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="__ASSETS__/swagger-ui/swagger-ui-bundle.js" charset="utf-8"></script>
  <script src="__ASSETS__/swagger-ui/swagger-ui-standalone-preset.js" charset="utf-8"></script>
  <script>
    window.ui = SwaggerUIBundle({
      urls: __URLS__,
      dom_id: "#swagger-ui",
      deepLinking: true,
      validatorUrl: null,
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      layout: "StandaloneLayout"
    });
  </script>
</body>
</html>
"""


def swagger_page(api_docs: dict[str, str], specs: str, assets: str) -> str:
    """Swagger UI over `api_docs`; `specs` and `assets` are where the spec files and the
    static folder are, seen from the page."""
    urls = [{"name": title, "url": f"{specs}/{path}"} for title, path in api_docs.items()]
    return SWAGGER_PAGE.replace("__ASSETS__", assets).replace("__URLS__", json.dumps(urls))


def site_routes(
    registry: CollectorRegistry, specs_dir: Path, api_docs: dict[str, str]
) -> list[HTTPRouteHandler]:
    """`api_docs` maps a title ("Store Management") to its OpenAPI file under `specs/`."""
    page = swagger_page(api_docs, specs="/specs", assets="/static")

    @route(
        "/liveness", http_method=["GET", "HEAD"], media_type=MediaType.TEXT, sync_to_thread=False
    )
    def liveness() -> str:
        return "."

    @get("/metrics", sync_to_thread=False)
    def metrics() -> Response[bytes]:
        # As a header: Litestar would append a second charset to a text/* media_type.
        return Response(generate_latest(registry), headers={"content-type": CONTENT_TYPE_LATEST})

    @get("/docs", media_type=MediaType.HTML, sync_to_thread=False)
    def docs() -> str:
        return page

    @get("/", sync_to_thread=False)
    def home() -> Redirect:
        return Redirect("/docs")

    return [
        liveness,
        metrics,
        docs,
        home,
        files_route("/static", STATIC),
        files_route("/specs", specs_dir),
    ]
