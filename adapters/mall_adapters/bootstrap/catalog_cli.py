"""`intellimall catalog generate|serve`: the EventCatalog explorer of the message contracts.

`generate` writes the catalog's content (`catalog/`) from `specs/`; `make catalog` builds the
site into `catalog/dist/` with EventCatalog (Node, offline); `serve` serves that site from
this machine, with nothing fetched from elsewhere.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEFAULT_PORT = 8091


def add_catalog_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    catalog = commands.add_parser("catalog", help="the EventCatalog explorer of the messages")
    actions = catalog.add_subparsers(dest="catalog", required=True)
    generate = actions.add_parser("generate", help="write catalog/ from specs/")
    generate.add_argument("--root", type=Path, default=None)
    serve = actions.add_parser("serve", help="serve the built catalog (make catalog) offline")
    serve.add_argument("--root", type=Path, default=None)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)


def run_catalog(args: argparse.Namespace, source_root: Path) -> int:
    from mall_adapters.codegen.catalog import CATALOG

    root: Path = args.root or source_root
    if args.catalog == "generate":
        return generate_catalog(root)
    return serve_catalog(root / CATALOG / "dist", args.host, args.port)


def generate_catalog(root: Path) -> int:
    from mall_adapters.codegen.catalog import CATALOG
    from mall_adapters.codegen.loader import SpecError
    from mall_adapters.codegen.run import write

    try:
        for line in write(root, only=f"{CATALOG}/"):
            print(line)
    except SpecError as error:
        print(f"catalog generate failed: {error}", file=sys.stderr)
        return 2
    return 0


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def is_built(site: Path) -> bool:
    return (site / "index.html").is_file()


def catalog_server(site: Path, host: str, port: int) -> ThreadingHTTPServer:
    """An HTTP server of the built site's files (`port` 0: a free one); not yet serving."""
    return ThreadingHTTPServer((host, port), functools.partial(QuietHandler, directory=str(site)))


def serve_catalog(site: Path, host: str, port: int) -> int:
    if not is_built(site):
        print(f"no built catalog in {site}: run `make catalog` first", file=sys.stderr)
        return 1
    with catalog_server(site, host, port) as server:
        print(
            f"EventCatalog on http://{host}:{server.server_address[1]}/ (Ctrl-C stops)", flush=True
        )
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0
