"""Where tests find PostgreSQL and NATS JetStream.

In order: the servers named by INTELLIMALL_PG_DSN / INTELLIMALL_NATS_URL; testcontainers
when a Docker engine answers; otherwise embedded servers (pip packages) in a temp directory.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from mall_adapters.infra.nats import EmbeddedNats
from mall_adapters.infra.postgres import EmbeddedPostgres


def docker_available() -> bool:
    if os.environ.get("INTELLIMALL_NO_DOCKER"):
        return False
    try:
        import docker

        docker.from_env(timeout=2).ping()
    except Exception:
        return False
    return True


@dataclass
class TestServers:
    pg_admin_dsn: str
    nats_url: str
    origin: str


def start_servers(tmp: Path, stack: ExitStack) -> TestServers:
    pg_dsn = os.environ.get("INTELLIMALL_PG_DSN", "")
    nats_url = os.environ.get("INTELLIMALL_NATS_URL", "")
    origin = "environment"
    if not (pg_dsn and nats_url) and docker_available():
        pg_dsn, nats_url = pg_dsn or _pg_container(stack), nats_url or _nats_container(stack)
        origin = "testcontainers"
    if not pg_dsn:
        pg = EmbeddedPostgres(tmp / "pg", delete_on_stop=True)
        pg_dsn = pg.start()
        stack.callback(pg.stop)
        origin = "embedded"
    if not nats_url:
        nats_url = start_embedded_nats(tmp / "nats", stack.callback)
    return TestServers(pg_dsn, nats_url, origin)


def start_embedded_nats(data_dir: Path, on_exit: Callable[..., object]) -> str:
    nats = EmbeddedNats(data_dir)
    url = nats.start()
    on_exit(nats.stop)
    return url


def _pg_container(stack: ExitStack) -> str:  # pragma: no cover - needs a Docker engine
    from testcontainers.community.postgres import PostgresContainer

    container = stack.enter_context(PostgresContainer("postgres:16-alpine", driver=None))
    dsn: str = container.get_connection_url()
    return dsn


def _nats_container(stack: ExitStack) -> str:  # pragma: no cover - needs a Docker engine
    from testcontainers.community.nats import NatsContainer

    container = stack.enter_context(NatsContainer("nats:2", jetstream=True))
    url: str = container.nats_uri()
    return url


def with_database(dsn: str, name: str) -> str:
    parts = urlsplit(dsn)
    return urlunsplit(parts._replace(path=f"/{name}"))


async def create_database(admin_dsn: str) -> str:
    """A new, empty database on the server; returns its DSN."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return with_database(admin_dsn, name)


async def drop_database(admin_dsn: str, dsn: str) -> None:
    name = urlsplit(dsn).path.lstrip("/")
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()
