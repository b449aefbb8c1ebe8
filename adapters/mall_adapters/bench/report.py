"""A bench's outcome: a table on stdout, or the same as JSON with `--json`."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Report:
    bench: str
    settings: dict[str, Any]
    machine: dict[str, Any] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    rounds: list[dict[str, Any]] = field(default_factory=list)
    results: dict[str, dict[str, Any]] = field(default_factory=dict)  # by row name
    ratios: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> str:
        return json.dumps(self.__dict__, indent=2, default=str)

    def as_table(self) -> str:
        lines = [f"intellimall bench {self.bench}"]
        lines.append("  settings: " + ", ".join(f"{k}={v}" for k, v in self.settings.items()))
        m = self.machine
        lines.append(
            f"  machine:  {m.get('cpu')}, {m.get('cores')} cores, {m.get('ram_gb')} GB RAM,"
            f" load {m.get('load_average')}"
        )
        lines.append("  versions: " + ", ".join(f"{k} {v}" for k, v in self.versions.items()))
        columns = sorted({key for row in self.results.values() for key in row}, key=_order)
        width = max([len(name) for name in self.results] + [10])
        lines.append("")
        lines.append(f"  {'':{width}}  " + "  ".join(f"{c:>12}" for c in columns))
        for name, row in self.results.items():
            cells = "  ".join(f"{_cell(row.get(c)):>12}" for c in columns)
            lines.append(f"  {name:{width}}  {cells}")
        if self.ratios:
            lines.append("")
            lines.extend(f"  ratio {name}: {value:.3f}" for name, value in self.ratios.items())
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)

    def print(self, as_json: bool) -> None:
        print(self.as_json() if as_json else self.as_table(), flush=True)


ORDER = ("count", "per_s", "seconds", "errors", "p50_ms", "p95_ms", "p99_ms", "max_ms")


def _order(column: str) -> tuple[int, str]:
    return (ORDER.index(column) if column in ORDER else len(ORDER), column)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:.2f}"
    return str(value)
