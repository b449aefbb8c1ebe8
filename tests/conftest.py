"""Fixtures shared by every tier: real servers per session, a fresh database per test."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest

from mall_adapters.bootstrap.settings import ALL_MODULES, Settings
from mall_adapters.postgres.database import Database, PoolSizes
from mall_adapters.postgres.migrate import migrate, module_migrations
from tests.fuzz import tally as fuzz_tally
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


TESTS = Path(__file__).resolve().parent
BROWSER_TESTS = TESTS / "browser"
WORKERS = 4
"""pytest-xdist workers of a run over every tier. The tests mostly wait (for servers,
processes, polling), so even two cores keep four workers busy."""


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads its options
def pytest_cmdline_main(config: pytest.Config) -> None:
    """`pytest` without paths spreads the run over `WORKERS` workers, unless `-n` says how
    many (`-n 0`: none, all in this process). Not with paths (`pytest tests/unit/x.py` runs
    in this process: a few tests are not worth starting workers for; `-n 4` asks for them),
    not under `--pdb`, not without pytest-xdist (`-p no:xdist`), and not on the servers
    named by INTELLIMALL_PG_DSN / INTELLIMALL_NATS_URL (every worker would reset the same
    stream)."""
    if (
        config.pluginmanager.hasplugin("xdist")
        and not hasattr(config, "workerinput")
        and config.args_source != pytest.Config.ArgsSource.ARGS
        and config.option.numprocesses is None
        and config.option.dist == "no"
        and not config.option.usepdb
        and not (os.environ.get("INTELLIMALL_PG_DSN") or os.environ.get("INTELLIMALL_NATS_URL"))
    ):
        config.option.numprocesses = WORKERS


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """`-n` alone (`--dist load`) hands out work units (`tests.support.parallel`); another
    `--dist` mode is pytest-xdist's own."""
    if config.option.dist != "load":
        return None
    from tests.support.parallel import ByUnitScheduling

    return ByUnitScheduling(config, log)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """A pytest-xdist worker ended: the controller takes over its fuzz tally."""
    handed = getattr(node, "workeroutput", {}).get(fuzz_tally.WORKER_OUTPUT_KEY)
    if handed is not None:
        fuzz_tally.take_over(handed)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """In a pytest-xdist controller: the workers' fuzz tally (a run in one process prints its
    own from tests/fuzz)."""
    if not terminalreporter.config.pluginmanager.hasplugin("dsession"):
        return
    if (line := fuzz_tally.summary_line()) is not None:
        terminalreporter.write_line(line)


FIRST_UNDER_XDIST = ("browser", "bench", "fuzz", "e2e", "integration", "contract", "ports")
"""The tiers a worker runs first, in this order (the browser tier on a worker of its own, see
`tests.support.parallel`); the others, short, follow in their collection order."""


@pytest.hookimpl(trylast=True)  # after pytest-randomly has shuffled
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The browser tests run last: Playwright's synchronous API keeps an event loop running
    in the main thread while its (session-wide) browser is open, and every other test that
    calls `asyncio.run` would fail meanwhile. In a pytest-xdist worker, the order is the
    order work is handed out in: the browser tier first, to a worker that then gets no other
    work, and the longest tiers next."""
    if hasattr(config, "workerinput"):
        rank = {tier: n for n, tier in enumerate(FIRST_UNDER_XDIST)}
        items.sort(key=lambda item: rank.get(item.path.relative_to(TESTS).parts[0], len(rank)))
    else:
        items.sort(key=lambda item: item.path.is_relative_to(BROWSER_TESTS))
