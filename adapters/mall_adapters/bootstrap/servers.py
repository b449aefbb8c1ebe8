"""The servers `intellimall up` runs on: embedded ones, or those named by the environment."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from mall_adapters.bootstrap.settings import Settings
from mall_adapters.infra.nats import EmbeddedNats
from mall_adapters.infra.postgres import EmbeddedPostgres
from mall_adapters.infra.supervisor import EmbeddedServer


@dataclass(frozen=True)
class Servers:
    settings: Settings  # with both addresses filled in
    embedded: tuple[EmbeddedServer, ...]  # the ones started here (none for external servers)

    async def supervise(self) -> None:
        """Restart any embedded server that exits, until cancelled."""
        await asyncio.gather(*(server.supervise() for server in self.embedded))


def needs_embedded(settings: Settings) -> bool:
    return not (settings.pg_dsn and settings.nats_url)


@contextmanager
def servers(settings: Settings) -> Iterator[Servers]:
    """Start what is missing (PostgreSQL and/or NATS) in `settings.data_dir`; stop on exit.

    The caller holds the data directory's lock (`infra.lock.owning`): a server still running
    there is a leftover of a killed run, and is stopped before ours starts. Data survives a
    restart. Raises `StartError` with a one-line reason.
    """
    with ExitStack() as stack:
        pg_dsn, nats_url = settings.pg_dsn, settings.nats_url
        embedded: list[EmbeddedServer] = []
        if not pg_dsn:
            pg = EmbeddedPostgres(
                settings.data_dir / "pg", synchronous_commit=settings.pg_synchronous_commit
            )
            stack.callback(pg.stop)  # registered first: an interrupted start is stopped too
            pg_dsn = pg.start()
            embedded.append(pg)
        if not nats_url:
            nats = EmbeddedNats(settings.data_dir / "nats")
            stack.callback(nats.stop)
            nats_url = nats.start()
            embedded.append(nats)
        yield Servers(settings.with_servers(pg_dsn, nats_url), tuple(embedded))


def runtime_file(settings: Settings) -> Path:
    """`<data-dir>/runtime.json`: where the running system listens (for tools and tests);
    present only while it runs (a killed run leaves it behind until the next start)."""
    return settings.data_dir / "runtime.json"


def write_runtime_file(settings: Settings, http_url: str) -> None:
    path = runtime_file(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    info = {"http": http_url, "pg_dsn": settings.pg_dsn, "nats_url": settings.nats_url}
    path.write_text(json.dumps(info, indent=2), encoding="utf-8")
