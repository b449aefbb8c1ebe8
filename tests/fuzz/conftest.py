"""The fuzz tier: Schemathesis against every OpenAPI spec, on the real app (all modules, real
PostgreSQL and NATS) served by uvicorn on a local port, with a few real records to aim at.

The tally of what was sent and what came back is printed at the end of the pytest run
(`tests.fuzz.tally`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from mall_adapters.bootstrap.app import create_app
from tests.fuzz import tally
from tests.fuzz.records import Records, create_records
from tests.support.app import make_settings
from tests.support.contract_server import serving
from tests.support.nats import reset_stream
from tests.support.outbox import UNPUBLISHED
from tests.support.polling import eventually
from tests.support.servers import TestServers, create_database, drop_database


@pytest.fixture(scope="module")
async def mall(
    servers: TestServers, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Records]:
    """The running app's base URL and the records created in it. Module-scoped: it must stop
    before other tests start apps on the same NATS (its consumers and queue groups would
    take their messages)."""
    dsn = await create_database(servers.pg_admin_dsn)
    await reset_stream(servers.nats_url)
    data_dir: Path = tmp_path_factory.mktemp("fuzz")
    # Look-ups of unknown products and stores go to stores; a loaded machine must not turn
    # their answer into a 503.
    settings = make_settings(dsn, servers.nats_url, data_dir, query_timeout_seconds=10.0)
    try:
        with serving(create_app(settings)) as url:
            yield await create_records(url)
            await eventually(lambda: unpublished(dsn), lambda n: n == 0, within=30.0)
    finally:
        await drop_database(servers.pg_admin_dsn, dsn)


async def unpublished(dsn: str) -> int:
    """The app stops only once its outboxes are relayed (see `tests.support.outbox`)."""
    conn = await asyncpg.connect(dsn)
    try:
        count: int = await conn.fetchval(UNPUBLISHED)
        return count
    finally:
        await conn.close()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """In a pytest-xdist worker: the tally goes to the controller, which prints it."""
    output = getattr(session.config, "workeroutput", None)
    if output is not None and tally.TALLY:
        output[tally.WORKER_OUTPUT_KEY] = tally.handed_over()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if (line := tally.summary_line()) is not None:
        terminalreporter.write_line(line)
