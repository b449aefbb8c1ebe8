"""`intellimall docs build --out DIR`: the app's documentation pages as a static site.

The layout (every link relative, so the folder can be published as is, e.g. on GitHub Pages,
or opened under any path):

    index.html                  links to the two below
    docs/index.html             Swagger UI over the OpenAPI specs (as `/docs` in the app)
    asyncapi/index.html         the AsyncAPI index (as `/asyncapi/`)
    asyncapi/<module>.html      one module's AsyncAPI page (as `/asyncapi/<module>`)
    specs/...                   the spec files and the bundled AsyncAPI documents
    static/...                  Swagger UI's and the AsyncAPI component's assets
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from mall_adapters.bootstrap.app import api_docs
from mall_adapters.bootstrap.settings import Settings
from mall_adapters.http.asyncapi_pages import Links, bundled_document, index_page, module_page
from mall_adapters.http.site import STATIC, swagger_page

SITE_LINKS = Links(
    assets="../static",
    index="index.html",
    page="{module}.html",
    document="../specs/bundled/asyncapi/{module}.json",
    openapi="../docs/index.html",
)

HOME = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>IntelliMall documentation</title>
</head>
<body>
  <h1>IntelliMall documentation</h1>
  <ul>
    <li><a href="docs/index.html">REST APIs (OpenAPI)</a></li>
    <li><a href="asyncapi/index.html">Messaging (AsyncAPI)</a></li>
  </ul>
</body>
</html>
"""


def add_docs_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    docs = commands.add_parser("docs", help="the documentation pages")
    actions = docs.add_subparsers(dest="docs", required=True)
    build = actions.add_parser("build", help="write the docs pages as a static site")
    build.add_argument(
        "--out",
        type=Path,
        required=True,
        help="the folder to write (an earlier build there is replaced)",
    )


MARKER = ".intellimall-docs"
"""Written into every built site: a folder holding it may be replaced by the next build."""


class ForeignFolderError(Exception):
    """The output folder holds files that no earlier `docs build` wrote."""


def run_docs(args: argparse.Namespace) -> int:
    try:
        written = build_site(args.out, Settings())
    except ForeignFolderError as error:
        print(f"docs build failed: {error}", file=sys.stderr)
        return 1
    print("\n".join(written))
    return 0


def build_site(out: Path, settings: Settings) -> list[str]:
    """Write the site into `out` (replacing an earlier build); returns the pages written."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise ForeignFolderError(f"{out} is not empty and holds no earlier docs build")
        shutil.rmtree(out)
    shutil.copytree(settings.specs_dir, out / "specs", ignore=shutil.ignore_patterns("__*"))
    shutil.copytree(STATIC, out / "static")
    pages = {
        "index.html": HOME,
        "docs/index.html": swagger_page(api_docs(settings), specs="../specs", assets="../static"),
    }
    documents = {m: bundled_document(settings.specs_dir, m) for m in settings.modules}
    pages["asyncapi/index.html"] = index_page(documents, SITE_LINKS)
    for module, document in documents.items():
        pages[f"asyncapi/{module}.html"] = module_page(module, document, SITE_LINKS)
    for name, text in pages.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text, encoding="utf-8")
    (out / ".nojekyll").write_text("", encoding="utf-8")  # GitHub Pages: serve files as they are
    (out / MARKER).write_text("", encoding="utf-8")
    return [f"wrote {out / name}" for name in pages]
