"""The benches' own parts without a mall: percentiles, the report, and both load
generators against the trivial endpoint (no timing is asserted)."""

from __future__ import annotations

import json
import shutil

import pytest

from mall_adapters.bench.common import trivial_server
from mall_adapters.bench.loadgen import Call, load
from mall_adapters.bench.report import Report
from mall_adapters.bench.stats import latency_figures, percentile, ratio


def test_percentiles_are_nearest_rank() -> None:
    values = [float(n) for n in range(1, 101)]
    assert [percentile(values, q) for q in (50, 95, 99, 100)] == [50.0, 95.0, 99.0, 100.0]
    assert percentile([], 50) == 0.0
    assert percentile([0.2], 99) == 0.2
    assert latency_figures([0.001, 0.002, 0.003]) == {
        "p50_ms": 2.0,
        "p95_ms": 3.0,
        "p99_ms": 3.0,
        "max_ms": 3.0,
    }
    assert ratio(1.0, 0.0) == 0.0 and ratio(3.0, 4.0) == 0.75


def test_the_report_prints_a_table_and_json_of_the_same_figures() -> None:
    report = Report(bench="read", settings={"clients": 2})
    report.results["GET x"] = {"per_s": 1234.5, "errors": 0}
    report.ratios["x / bare"] = 0.5
    table = report.as_table()
    assert table.startswith("intellimall bench read\n  settings: clients=2")
    assert "1,234.5" in table and "ratio x / bare: 0.500" in table
    assert json.loads(report.as_json())["results"]["GET x"]["per_s"] == 1234.5


@pytest.mark.parametrize("python", [False, True], ids=["wrk", "asyncio"])
def test_each_generator_drives_the_trivial_endpoint(python: bool) -> None:
    if not python and shutil.which("wrk") is None:
        pytest.skip("wrk is not installed")
    with trivial_server() as base:
        figures = load(base, [Call("GET", "/"), Call("GET", "/other")], 4, 1, python)
    assert figures["count"] > 0 and figures["errors"] == 0
    assert 0 < figures["p50_ms"] <= figures["p99_ms"] <= figures["max_ms"]
