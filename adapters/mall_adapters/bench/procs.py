"""Processes a bench starts: `intellimall up` on a fresh data directory, or a helper server
(the bare baseline, the trivial endpoint), each stopped with SIGINT when the block ends."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mall_adapters.infra.ports import free_port
from mall_adapters.infra.process import dies_with_us

START_DEADLINE_SECONDS = 90.0


@dataclass(frozen=True)
class Target:
    """Where the IntelliMall under measurement listens (`pg_dsn` and `nats_url` from its
    `runtime.json`; None when a `--url` was given without its data directory)."""

    http: str
    pg_dsn: str | None
    nats_url: str | None
    pid: int | None = None  # of the `intellimall up` process, from its data directory's lock

    def needs(self, what: str) -> tuple[str, str]:
        if self.pg_dsn is None or self.nats_url is None:
            raise SystemExit(f"{what} needs the PostgreSQL and NATS of the target: pass --data-dir")
        return self.pg_dsn, self.nats_url


def embedded_env(**settings: str) -> dict[str, str]:
    """This environment without external servers (the bench runs the embedded ones), plus
    `settings` (e.g. `INTELLIMALL_PG_POOL_SIZE`)."""
    external = ("INTELLIMALL_PG_DSN", "INTELLIMALL_NATS_URL")
    return {k: v for k, v in os.environ.items() if k not in external} | settings


@contextmanager
def target(url: str | None, data_dir: Path | None) -> Iterator[Target]:
    """The given `--url` (its servers read from `data_dir/runtime.json` when given), or a
    fresh `intellimall up` on a temporary data directory for the length of the block."""
    if url:
        runtime = _runtime(data_dir) if data_dir else {}
        pid = _owner(data_dir) if data_dir else None
        yield Target(url.rstrip("/"), runtime.get("pg_dsn"), runtime.get("nats_url"), pid)
        return
    with tempfile.TemporaryDirectory(prefix="intellimall-bench-") as folder:
        data = Path(folder) / "data"
        with running_up(data, embedded_env()) as (http, _):
            runtime = _runtime(data)
            yield Target(http, runtime["pg_dsn"], runtime["nats_url"], _owner(data))


def _runtime(data_dir: Path) -> dict[str, str]:
    found: dict[str, str] = json.loads((data_dir / "runtime.json").read_text(encoding="utf-8"))
    return found


def _owner(data_dir: Path) -> int | None:
    try:
        lock = json.loads((data_dir / "intellimall.lock").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    pid = lock.get("pid")
    return pid if isinstance(pid, int) else None


@contextmanager
def running_up(data_dir: Path, env: dict[str, str]) -> Iterator[tuple[str, float]]:
    """`intellimall up` in a process of its own; yields its URL and how long it took to
    answer /liveness, and stops it with SIGINT (Ctrl-C) afterwards."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "mall_adapters.bootstrap.cli", "up"]
    command += ["--data-dir", str(data_dir), "--port", str(port)]
    with serving(command, f"{url}/liveness", env) as seconds:
        yield url, seconds


@contextmanager
def serving(
    command: list[str], ready_url: str, env: dict[str, str] | None = None
) -> Iterator[float]:
    """Runs `command` until the block ends; yields the seconds until `ready_url` said 200."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=dies_with_us(),  # a bench killed outright stops its `up` too
    )
    try:
        yield _live_after(process, ready_url, started)
    finally:
        process.send_signal(2)  # SIGINT, like Ctrl-C
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _live_after(process: subprocess.Popen[bytes], url: str, started: float) -> float:
    while time.perf_counter() - started < START_DEADLINE_SECONDS:
        if process.poll() is not None:
            raise SystemExit(f"{process.args!r} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return time.perf_counter() - started
        except OSError:
            time.sleep(0.02)
    raise SystemExit(f"{url} did not answer within {START_DEADLINE_SECONDS:.0f}s")
