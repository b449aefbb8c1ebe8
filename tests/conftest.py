"""Fixtures shared by every tier: real servers per session, a fresh database per test."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from mall_adapters.bootstrap.settings import ALL_MODULES, Settings
from mall_adapters.postgres.database import Database, PoolSizes
from mall_adapters.postgres.migrate import migrate, module_migrations
from tests.support.app import AppUnderTest, make_settings, running_app
from tests.support.nats import reset_stream
from tests.support.servers import TestServers, create_database, drop_database, start_servers


@contextmanager
def outside_pytest_tmp() -> Iterator[Path]:
    """A fresh directory for embedded servers, removed afterwards. Not under pytest's tmp_path:
    pytest prunes old base dirs, which can belong to another pytest run still using its
    servers, and a pytest run starting meanwhile sets its base dir back to 0700, which
    PostgreSQL's own user (when we run as root) must pass through."""
    folder = Path(tempfile.mkdtemp(prefix="intellimall-test-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def servers() -> Iterator[TestServers]:
    with ExitStack() as stack:
        yield start_servers(stack.enter_context(outside_pytest_tmp()), stack)


@pytest.fixture
def server_dir() -> Iterator[Path]:
    """A fresh directory for a test's own embedded server (see `outside_pytest_tmp`)."""
    with outside_pytest_tmp() as folder:
        yield folder


@pytest.fixture
async def pg_dsn(servers: TestServers) -> AsyncIterator[str]:
    dsn = await create_database(servers.pg_admin_dsn)
    yield dsn
    await drop_database(servers.pg_admin_dsn, dsn)


@pytest.fixture
async def nats_url(servers: TestServers) -> str:
    await reset_stream(servers.nats_url)
    return servers.nats_url


@pytest.fixture
async def db(pg_dsn: str) -> AsyncIterator[Database]:
    """An open `Database` on a fresh, fully migrated database."""
    database = Database()
    await database.open(pg_dsn, PoolSizes(requests=5, reserved=2))
    async with database.pool.acquire() as conn:
        await migrate(conn, {m: module_migrations(m) for m in ALL_MODULES})
    yield database
    await database.close()


@pytest.fixture
def settings(pg_dsn: str, nats_url: str, tmp_path: Path) -> Settings:
    return make_settings(pg_dsn, nats_url, tmp_path)


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[AppUnderTest]:
    async with running_app(settings) as running:
        yield running


BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


@pytest.hookimpl(trylast=True)  # after pytest-randomly has shuffled
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests run last: Playwright's synchronous API keeps an event loop running
    in the main thread while its (session-wide) browser is open, and every other test that
    calls `asyncio.run` would fail meanwhile."""
    items.sort(key=lambda item: item.path.is_relative_to(BROWSER_TESTS))
