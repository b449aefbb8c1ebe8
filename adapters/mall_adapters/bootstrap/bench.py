"""`intellimall bench ...`: measurements that print figures (tests never assert on timings)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from mall_adapters.infra.nats import free_port


def bench_startup(runs: int, fresh: bool) -> int:
    """Time `intellimall up` from process start to a 200 on /liveness, then Ctrl-C it.

    `fresh` starts every run on an empty data directory (initdb included); otherwise the
    first run initialises and the timed runs restart on the kept data (a warm machine)."""
    data = Path(tempfile.mkdtemp(prefix="intellimall-bench-"))
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("INTELLIMALL_PG_DSN", "INTELLIMALL_NATS_URL")
    }
    if not fresh:
        _start_and_stop(data / "warm", env)
    times = []
    for run in range(runs):
        folder = data / (f"fresh-{run}" if fresh else "warm")
        times.append(_start_and_stop(folder, env))
        print(f"run {run + 1}: ready in {times[-1]:.2f}s", flush=True)
    kind = "fresh data directory" if fresh else "restart on existing data"
    print(
        f"intellimall up, {kind}: median {statistics.median(times):.2f}s,"
        f" min {min(times):.2f}s, max {max(times):.2f}s over {runs} runs"
    )
    return 0


def _start_and_stop(data_dir: Path, env: dict[str, str]) -> float:
    port = free_port()
    command = [sys.executable, "-m", "mall_adapters.bootstrap.cli", "up"]
    command += ["--data-dir", str(data_dir), "--port", str(port)]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while True:
            if process.poll() is not None:
                raise SystemExit(f"intellimall up exited with {process.returncode}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/liveness", timeout=1) as r:
                    if r.status == 200:
                        return time.perf_counter() - started
            except OSError:
                time.sleep(0.02)
    finally:
        process.send_signal(2)  # SIGINT, like Ctrl-C
        process.wait(timeout=30)
