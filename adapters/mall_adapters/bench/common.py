"""Parts every bench shares: the report's machine and versions, the generator's ceiling
against the trivial endpoint, and the per-kind summary of alternating rounds."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from mall_adapters.bench.loadgen import Call, load
from mall_adapters.bench.machine import machine, postgres_version, versions
from mall_adapters.bench.procs import Target, serving
from mall_adapters.bench.report import Report
from mall_adapters.bench.stats import median_of
from mall_adapters.infra.ports import free_port

SUMMARY_KEYS = ("per_s", "p50_ms", "p95_ms", "p99_ms", "max_ms", "mall_cpu_pct", "errors")


def new_report(bench: str, settings: dict[str, Any], mall: Target) -> Report:
    # The mall's own settings: a started one inherits these; a --url one is the caller's word.
    env = {k: v for k, v in os.environ.items() if k.startswith("INTELLIMALL_")}
    report = Report(bench=bench, settings={**settings, "target": mall.http, "mall_env": env})
    report.machine = machine()
    report.versions = versions(asyncio.run(postgres_version(mall.pg_dsn)))
    report.notes.append("rounds alternate the rows; figures are medians over rounds")
    return report


@contextmanager
def trivial_server() -> Iterator[str]:
    port = free_port()
    command = [sys.executable, "-m", "mall_adapters.bench.trivial", str(port)]
    with serving(command, f"http://127.0.0.1:{port}/"):
        yield f"http://127.0.0.1:{port}"


CEILING_NOTE = (
    "generator ceiling: the generator against a trivial asyncio server in its own process;"
    " a lower bound of what the generator can send"
)


def ceiling(base: str, connections: int, seconds: float, force_python: bool) -> dict[str, Any]:
    """The generator against the trivial endpoint: what it can send at most, here, now."""
    return load(base, [Call("GET", "/")], connections, seconds, force_python)


def summarize(report: Report, kinds: list[str]) -> None:
    """One result row per kind: the medians of its rounds."""
    for kind in kinds:
        rounds = [r for r in report.rounds if r["kind"] == kind]
        row: dict[str, Any] = {"rounds": len(rounds)}
        row.update({key: median_of(rounds, key) for key in SUMMARY_KEYS if key in rounds[0]})
        row["errors"] = sum(int(r.get("errors", 0)) for r in rounds)
        row["count"] = sum(int(r.get("count", 0)) for r in rounds)
        report.results[kind] = row
