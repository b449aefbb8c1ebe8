"""Every `intellimall bench` runs end to end with tiny sizes against one shared mall (its
`--url` and `--data-dir`) and reports what its JSON promises. Timings are never asserted:
a bench measures, a test only checks that it ran to completion."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.mall_process import RunningMall, data_dir, mall_process


@pytest.fixture(scope="module")
def mall() -> Iterator[tuple[RunningMall, Path]]:
    with data_dir() as directory, mall_process(directory) as running:
        yield running, directory


def bench(mall: tuple[RunningMall, Path], *args: str) -> dict[str, Any]:
    running, directory = mall
    command = [sys.executable, "-m", "mall_adapters.bootstrap.cli", "bench", *args]
    command += ["--url", running.http, "--data-dir", str(directory), "--json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
    report: dict[str, Any] = json.loads(done.stdout)
    assert report["bench"] == args[0]
    assert report["machine"]["cores"] > 0 and report["machine"]["ram_gb"] > 0
    assert report["versions"]["python"] == sys.version.split()[0]
    assert report["versions"]["postgres"] != "unknown"
    assert report["versions"]["nats-server"].startswith("v")
    assert report["settings"]["target"] == running.http
    return report


def test_bench_checkout_drives_every_order_to_approved(mall: tuple[RunningMall, Path]) -> None:
    report = bench(
        mall, "checkout", "--orders", "3", "--concurrency", "2", "--rate", "5", "--rounds", "1"
    )
    closed, opened = (
        report["results"]["closed loop, 2 clients"],
        report["results"]["open loop, 5 orders/s"],
    )
    for row in (closed, opened):
        assert (row["count"], row["errors"]) == (3, 0)
        assert 0 < row["p50_ms"] <= row["p95_ms"] <= row["p99_ms"]
    assert [r["kind"] for r in report["rounds"]] == [
        "closed loop, 2 clients",
        "open loop, 5 orders/s",
    ]
    steps = {k: v for k, v in report["results"].items() if k.startswith("saga step ")}
    assert "saga step ordersapi.ApproveOrder, closed loop" in steps
    assert "saga step ordersapi.ApproveOrder, open loop" in steps
    assert all(v["count"] > 0 for v in steps.values())


def test_bench_lifecycle_drives_every_order_to_completed(mall: tuple[RunningMall, Path]) -> None:
    report = bench(mall, "lifecycle", "--orders", "2", "--concurrency", "2", "--rounds", "1")
    row = report["results"]["closed loop, 2 clients"]
    assert (row["count"], row["errors"]) == (2, 0)


def test_bench_read_compares_with_the_bare_handler(mall: tuple[RunningMall, Path]) -> None:
    report = bench(mall, "read", "--clients", "2", "--seconds", "1", "--rounds", "2")
    kinds = [
        "generator ceiling",
        "GET /api/stores/{id}",
        "bare GET store row",
        "GET /api/baskets/{id}",
    ]
    assert list(report["results"]) == kinds
    assert [r["kind"] for r in report["rounds"]] == kinds * 2  # alternating rounds
    for row in report["results"].values():
        assert row["count"] > 0 and row["errors"] == 0
        assert row["mall_cpu_pct"] >= 0
    assert set(report["ratios"]) == {
        "GET store / bare",
        "GET basket / bare",
        "GET store / generator ceiling",
    }
    assert all(value > 0 for value in report["ratios"].values())
    assert report["settings"]["generator"] == ("wrk" if shutil.which("wrk") else "python-asyncio")


def test_bench_write_compares_with_raw_transactions(mall: tuple[RunningMall, Path]) -> None:
    report = bench(
        mall, "write", "--clients", "2", "--seconds", "1", "--rounds", "1", "--python-client"
    )
    assert report["settings"]["generator"] == "python-asyncio"
    assert list(report["results"]) == [
        "generator ceiling",
        "POST /api/stores",
        "raw tx x3 inserts",
        "PUT addItem",
        "raw tx x2 inserts",
    ]
    for row in report["results"].values():
        assert row["count"] > 0
    assert report["results"]["POST /api/stores"]["errors"] == 0
    assert report["ratios"]["POST store / raw"] > 0 and report["ratios"]["addItem / raw"] > 0


def test_bench_relay_compares_with_raw_publishing(mall: tuple[RunningMall, Path]) -> None:
    report = bench(mall, "relay", "--messages", "20", "--rounds", "1", "--batch", "5")
    relay = report["results"]["relay: committed -> consumer done"]
    assert relay["count"] == 20 and relay["published_per_s"] > 0
    assert relay["mall_cpu_pct"] > 0  # the mall's pid came from the data directory's lock
    assert report["results"]["raw publish, awaited one by one"]["count"] == 20
    assert report["results"]["raw publish, pipelined"]["count"] == 20
    assert report["ratios"]["relay (consumer done) / raw pipelined"] > 0


def test_bench_prints_a_table_without_json(mall: tuple[RunningMall, Path]) -> None:
    running, directory = mall
    command = [sys.executable, "-m", "mall_adapters.bootstrap.cli", "bench", "relay"]
    command += [
        "--messages",
        "5",
        "--rounds",
        "1",
        "--url",
        running.http,
        "--data-dir",
        str(directory),
    ]
    out = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True).stdout
    assert out.startswith("intellimall bench relay\n")
    assert "  machine:  " in out and "  versions: python " in out
    assert "ratio relay (consumer done) / raw pipelined: " in out
