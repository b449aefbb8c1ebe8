"""What the simulation shows: a live table while it runs (a line every few seconds when the
output is not a terminal) and the final table."""

from __future__ import annotations

import time
from collections import deque

from rich.table import Table

from mall_adapters.busywork.tally import Tally


class Rate:
    """Requests per second over the last few seconds (the live view looks often)."""

    WINDOW_SECONDS = 5.0

    def __init__(self, tally: Tally) -> None:
        self._tally = tally
        self._seen: deque[tuple[float, int]] = deque([(time.monotonic(), 0)])

    def __call__(self) -> float:
        now, count = time.monotonic(), self._tally.requests
        while len(self._seen) > 1 and self._seen[1][0] <= now - self.WINDOW_SECONDS:
            self._seen.popleft()
        then, before = self._seen[0]
        self._seen.append((now, count))
        return (count - before) / (now - then) if now > then else 0.0


def errors(tally: Tally) -> str:
    found = sorted(tally.by_status.items())
    return ", ".join(f"{status or 'no answer'}: {n}" for status, n in found) or "none"


def orders(tally: Tally) -> str:
    counts = tally.orders_by_state()
    return ", ".join(f"{state} {n}" for state, n in counts.items() if n) or "none yet"


def rss(tally: Tally) -> str:
    if tally.rss_exported is None:
        return "not read"
    if not tally.rss_exported or tally.peak_rss_bytes is None:
        return "not exported"
    return f"{tally.peak_rss_bytes / 2**20:.0f} MiB"


def live(tally: Tally, rate: Rate) -> Table:
    table = Table(title="busywork", show_header=False, expand=False)
    table.add_row("requests", f"{tally.requests} ({rate():.1f}/s now)")
    table.add_row("errors by status", errors(tally))
    table.add_row("orders", orders(tally))
    table.add_row("peak RSS of the target", rss(tally))
    return table


def line(tally: Tally, rate: Rate) -> str:
    return (
        f"{time.strftime('%H:%M:%S')} summary: {tally.requests} requests ({rate():.1f}/s),"
        f" errors {errors(tally)}; orders {orders(tally)}"
    )


def final(tally: Tally, clients: int, url: str) -> Table:
    elapsed = tally.elapsed()
    table = Table(title=f"busywork: {clients} clients against {url}, {elapsed:.0f} s")
    table.add_column("figure")
    table.add_column("value", justify="right")
    rows = [
        ("requests", str(tally.requests)),
        ("requests/s", f"{tally.requests / elapsed:.1f}" if elapsed else "-"),
        ("succeeded", str(tally.ok)),
        ("expected 4xx (asked for)", str(tally.expected_4xx)),
        ("unexpected 4xx", str(tally.unexpected_4xx)),
        ("5xx", str(tally.server_errors)),
        ("no answer", str(tally.transport_failures)),
        ("busywork faults", str(tally.faults)),
        ("errors by status", errors(tally)),
        *((f"action: {name}", str(n)) for name, n in sorted(tally.actions.items())),
        *((f"orders {state}", str(n)) for state, n in tally.orders_by_state().items()),
        ("peak RSS of the target", rss(tally)),
    ]
    for figure, value in rows:
        table.add_row(figure, value)
    return table
