"""What the fuzz tier sent and what came back, for the line at the end of the pytest run.

Under pytest-xdist the worker that ran the tier hands its tally to the controller, which
prints the line (`pytest_testnodedown` in tests/conftest.py)."""

from __future__ import annotations

from collections import Counter
from typing import Any

TALLY: Counter[str] = Counter()
"""Responses by status class ("2xx", "4xx", "5xx")."""
OPERATIONS: set[str] = set()
WORKER_OUTPUT_KEY = "fuzz_tally"


def handed_over() -> dict[str, Any]:
    return {"responses": dict(TALLY), "operations": sorted(OPERATIONS)}


def take_over(handed: dict[str, Any]) -> None:
    TALLY.update(handed["responses"])
    OPERATIONS.update(handed["operations"])


def summary_line() -> str | None:
    if not TALLY:
        return None
    classes = ", ".join(f"{k} {v}" for k, v in sorted(TALLY.items()))
    return f"fuzz: {TALLY.total()} requests over {len(OPERATIONS)} operations ({classes})"
