"""`intellimall bench ...`: measurements that print figures (tests never assert on timings)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mall_adapters.infra.nats import free_port


def bench_startup(runs: int, fresh: bool) -> int:
    """Time `intellimall up` from process start to a 200 on /liveness, then Ctrl-C it.

    `fresh` starts every run on an empty data directory (initdb included); otherwise the
    first run initialises and the timed runs restart on the kept data (a warm machine)."""
    env = embedded_env()
    times = []
    with tempfile.TemporaryDirectory(prefix="intellimall-bench-") as folder:
        data = Path(folder)
        if not fresh:
            _start_and_stop(data / "warm", env)
        for run in range(runs):
            times.append(_start_and_stop(data / (f"fresh-{run}" if fresh else "warm"), env))
            print(f"run {run + 1}: ready in {times[-1]:.2f}s", flush=True)
    kind = "fresh data directory" if fresh else "restart on existing data"
    print(
        f"intellimall up, {kind}: median {statistics.median(times):.2f}s,"
        f" min {min(times):.2f}s, max {max(times):.2f}s over {runs} runs"
    )
    return 0


def embedded_env(**settings: str) -> dict[str, str]:
    """This environment without external servers (the bench runs the embedded ones), plus
    `settings` (e.g. `INTELLIMALL_PG_POOL_SIZE`)."""
    external = ("INTELLIMALL_PG_DSN", "INTELLIMALL_NATS_URL")
    return {k: v for k, v in os.environ.items() if k not in external} | settings


def _start_and_stop(data_dir: Path, env: dict[str, str]) -> float:
    with running_up(data_dir, env) as (_, seconds):
        return seconds


@contextmanager
def running_up(data_dir: Path, env: dict[str, str]) -> Iterator[tuple[str, float]]:
    """`intellimall up` in a process of its own; yields its URL and how long it took to
    answer /liveness, and stops it with SIGINT (Ctrl-C) afterwards."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "mall_adapters.bootstrap.cli", "up"]
    command += ["--data-dir", str(data_dir), "--port", str(port)]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield url, _live_after(process, url, started)
    finally:
        process.send_signal(2)  # SIGINT, like Ctrl-C
        process.wait(timeout=30)


def _live_after(process: subprocess.Popen[bytes], url: str, started: float) -> float:
    while True:
        if process.poll() is not None:
            raise SystemExit(f"intellimall up exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/liveness", timeout=1) as response:
                if response.status == 200:
                    return time.perf_counter() - started
        except OSError:
            time.sleep(0.02)
