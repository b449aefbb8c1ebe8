"""CPU time of the mall's process during a round (Linux /proc), as percent of one core: near
100 says the single Python process was the bottleneck; far below on a busy machine says it
waited for a core or for its servers. Its embedded PostgreSQL and NATS are not counted."""

from __future__ import annotations

import os
import time
from pathlib import Path

TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU seconds of `pid` so far; None without one or without /proc."""
    if pid is None:
        return None
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()  # after "pid (comm)": state is fields[0]
    return (int(fields[11]) + int(fields[12])) / TICKS_PER_SECOND


class CpuMeter:
    """Started at creation; `percent()` is the CPU share since then."""

    def __init__(self, pid: int | None) -> None:
        self._pid = pid
        self._cpu = cpu_seconds(pid)
        self._wall = time.perf_counter()

    def percent(self) -> dict[str, float]:
        now = cpu_seconds(self._pid)
        wall = time.perf_counter() - self._wall
        if now is None or self._cpu is None or wall <= 0:
            return {}
        return {"mall_cpu_pct": round(100 * (now - self._cpu) / wall, 1)}
