"""The bench commands run end to end with tiny sizes and print their figures (no timing is
asserted: a bench measures, a test only checks that it works)."""

from __future__ import annotations

import subprocess
import sys


def bench(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "mall_adapters.bootstrap.cli", "bench", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    return done.stdout


def test_bench_startup_prints_its_figures() -> None:
    out = bench("startup", "--runs", "1")
    assert "run 1: ready in" in out
    assert "intellimall up, restart on existing data: median" in out


def test_bench_contention_prints_its_figures() -> None:
    out = bench("contention", "--misses", "3", "--clients", "2", "--adds", "2")
    assert "3 concurrent addItems, each a cache miss: 3 x 200" in out
    assert "2 clients x 2 adds to one basket: 4/4 (100.0%) 200" in out
    assert "(equal)" in out
