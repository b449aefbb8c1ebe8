"""The servers `intellimall up` runs on: embedded ones, or those named by the environment."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from mall_adapters.bootstrap.settings import Settings
from mall_adapters.infra.nats import EmbeddedNats
from mall_adapters.infra.postgres import EmbeddedPostgres


@contextmanager
def servers(settings: Settings) -> Iterator[Settings]:
    """Start what is missing (PostgreSQL and/or NATS) in `settings.data_dir`; stop on exit.

    Yields the settings with both addresses filled in; data survives a restart.
    """
    with ExitStack() as stack:
        pg_dsn, nats_url = settings.pg_dsn, settings.nats_url
        if not pg_dsn:
            pg = EmbeddedPostgres(settings.data_dir / "pg")
            pg_dsn = pg.start()
            stack.callback(pg.stop)
        if not nats_url:
            nats = EmbeddedNats(settings.data_dir / "nats")
            nats_url = nats.start()
            stack.callback(nats.stop)
        yield settings.with_servers(pg_dsn, nats_url)


def write_runtime_file(settings: Settings, http_url: str) -> Path:
    """`<data-dir>/runtime.json`: where the running system listens (for tools and tests)."""
    path = settings.data_dir / "runtime.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    info = {"http": http_url, "pg_dsn": settings.pg_dsn, "nats_url": settings.nats_url}
    path.write_text(json.dumps(info, indent=2), encoding="utf-8")
    return path
