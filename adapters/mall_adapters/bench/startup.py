"""`intellimall bench startup`: how long `intellimall up` takes to answer /liveness."""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from mall_adapters.bench.procs import embedded_env, running_up


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


def _start_and_stop(data_dir: Path, env: dict[str, str]) -> float:
    with running_up(data_dir, env) as (_, seconds):
        return seconds
