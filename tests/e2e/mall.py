"""The system under test, run as `intellimall up` runs it, and its database.

`mall_process` starts `python -m mall_adapters.bootstrap.cli up` on embedded PostgreSQL and
NATS in its own data directory, waits for `/liveness`, and stops it with SIGINT (by its pid),
as a person at a terminal would. Between scenarios every module table is emptied.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx
import pytest

from mall_adapters.infra.nats import free_port

PROJECT_ROOT = Path(__file__).resolve().parents[2]
START_DEADLINE_SECONDS = 60.0
STOP_DEADLINE_SECONDS = 30.0


@dataclass(frozen=True)
class RunningMall:
    """Where a started `intellimall up` listens, read from its `runtime.json`."""

    http: str
    pg_dsn: str
    nats_url: str


@contextlib.contextmanager
def data_dir() -> Iterator[Path]:
    """A fresh data directory, removed when the block ends. Not under pytest's tmp_path:
    pytest prunes old base dirs, which can belong to another pytest run still using its
    servers."""
    with tempfile.TemporaryDirectory(prefix="intellimall-e2e-", ignore_cleanup_errors=True) as path:
        yield Path(path)


@contextlib.contextmanager
def mall_process(
    data_dir: Path, modules: Sequence[str] = (), settings: Mapping[str, str] | None = None
) -> Iterator[RunningMall]:
    """`intellimall up --data-dir data_dir --port <free>`, until the block ends.

    `modules` (`--module` each) runs only those modules, every one when empty; `settings` are
    `INTELLIMALL_*` variables for it. None of the caller's `INTELLIMALL_*` variables reach it.
    """
    env = {name: value for name, value in os.environ.items() if not name.startswith("INTELLIMALL_")}
    env.update(settings or {})
    env["PYTHONUNBUFFERED"] = "1"
    command = [
        sys.executable,
        "-m",
        "mall_adapters.bootstrap.cli",
        "up",
        "--data-dir",
        str(data_dir),
        "--port",
        str(free_port()),
        *(argument for module in modules for argument in ("--module", module)),
    ]
    log_path = data_dir / "up.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl-C at the terminal reaches it only through us
        )
    try:
        yield wait_until_live(process, data_dir / "runtime.json", log_path)
    finally:
        stop(process, log_path)


def wait_until_live(
    process: subprocess.Popen[bytes], runtime_file: Path, log_path: Path
) -> RunningMall:
    deadline = time.monotonic() + START_DEADLINE_SECONDS
    with httpx.Client(timeout=5.0) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(
                    f"`intellimall up` exited with {process.returncode} before it was live:\n"
                    + output(log_path),
                    pytrace=False,
                )
            running = read_runtime_file(runtime_file)
            if running is not None:
                with contextlib.suppress(httpx.HTTPError):
                    if client.get(f"{running.http}/liveness").status_code == 200:
                        return running
            time.sleep(0.1)
    pytest.fail(
        f"`intellimall up` was not live within {START_DEADLINE_SECONDS:.0f} s:\n"
        + output(log_path),
        pytrace=False,
    )


def read_runtime_file(path: Path) -> RunningMall | None:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # not written yet, or half written
        return None
    return RunningMall(http=info["http"], pg_dsn=info["pg_dsn"], nats_url=info["nats_url"])


def stop(process: subprocess.Popen[bytes], log_path: Path) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=STOP_DEADLINE_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        pytest.fail(
            f"`intellimall up` did not stop within {STOP_DEADLINE_SECONDS:.0f} s of SIGINT"
            " and was killed:\n" + output(log_path),
            pytrace=False,
        )


def output(log_path: Path) -> str:
    try:
        return log_path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        return f"(no output: {error})"


# ------------------------------------------------------------------------------ database


async def _fetch(dsn: str, sql: str, *args: object) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetch(sql, *args)
    finally:
        await conn.close()


def fetch(dsn: str, sql: str, *args: object) -> list[asyncpg.Record]:
    """One query on a short connection of its own (the steps are synchronous)."""
    return asyncio.run(_fetch(dsn, sql, *args))


# Every table of every module: the tables of each schema that has migrations (a module's
# schema), except the migrations' own record. Read from the database, so a new module or a
# new table is emptied between scenarios without a list to keep.
MODULE_TABLES = """
SELECT format('%I.%I', t.schemaname, t.tablename) AS name
FROM pg_tables t
WHERE t.tablename <> 'schema_migrations'
  AND t.schemaname IN (SELECT schemaname FROM pg_tables WHERE tablename = 'schema_migrations')
ORDER BY t.schemaname, t.tablename
"""
TRUNCATE_ATTEMPTS = 3


def scenario_tables(dsn: str) -> tuple[str, ...]:
    """The tables emptied before every scenario: all the modules' tables."""
    tables = tuple(row["name"] for row in fetch(dsn, MODULE_TABLES))
    assert tables, "the database of `intellimall up` has no module tables"
    return tables


def truncate_scenario_tables(dsn: str, tables: Sequence[str]) -> None:
    """Empty `tables`. The mall keeps running meanwhile; a deadlock with one of its own
    transactions (PostgreSQL ends one of the two) is tried again."""
    for attempt in range(1, TRUNCATE_ATTEMPTS + 1):
        try:
            fetch(dsn, f"TRUNCATE {', '.join(tables)}")
            return
        except asyncpg.exceptions.DeadlockDetectedError:
            if attempt == TRUNCATE_ATTEMPTS:
                raise
