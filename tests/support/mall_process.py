"""`intellimall up` as the e2e and browser tiers (and the bench smoke test) run it.

`mall_process` starts `python -m mall_adapters.bootstrap.cli up` on embedded PostgreSQL and
NATS in its own data directory, waits for `/liveness`, and stops it with SIGINT (by its pid),
as a person at a terminal would. (`tests.support.up_process` drives `up` step by step, for
the tests of starting and stopping itself.)
"""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from mall_adapters.infra.ports import free_port
from mall_adapters.infra.process import dies_with_us
from tests.support.up_process import up_environment

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
    env = up_environment(settings)
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
            preexec_fn=dies_with_us(),  # and a test process killed outright stops it too
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
