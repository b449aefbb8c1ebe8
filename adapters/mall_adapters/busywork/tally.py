"""What the simulation saw: requests by outcome, actions, and the orders it placed by the
state it last saw them in. Plain counters, read by the summaries."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from mall_adapters.busywork.transport import Recorder

ORDER_STATES = ("pending", "approved", "ready", "completed", "cancelled", "rejected", "lost")
"""`lost`: the simulator gave up waiting for the order to move on."""


@dataclass
class Tally(Recorder):
    started: float = field(default_factory=time.monotonic)
    requests: int = 0
    ok: int = 0
    expected_4xx: int = 0
    unexpected_4xx: int = 0
    server_errors: int = 0
    transport_failures: int = 0
    faults: int = 0  # exceptions of the simulator itself (a bug), not answers of the mall
    by_status: Counter[int] = field(default_factory=Counter)
    by_operation: Counter[str] = field(default_factory=Counter)
    actions: Counter[str] = field(default_factory=Counter)
    orders: dict[str, str] = field(default_factory=dict)
    peak_rss_bytes: float | None = None
    rss_exported: bool | None = None  # None until /metrics was read once

    def request(self, operation: str, status: int, expected: bool) -> None:
        self.requests += 1
        self.by_operation[operation] += 1
        if 200 <= status < 300:
            self.ok += 1
            return
        self.by_status[status] += 1
        if status == 0:
            self.transport_failures += 1
        elif status >= 500:
            self.server_errors += 1
        elif expected:
            self.expected_4xx += 1
        else:
            self.unexpected_4xx += 1

    def fault(self) -> None:
        self.faults += 1

    def action(self, name: str) -> None:
        self.actions[name] += 1

    def order(self, order_id: str, state: str) -> None:
        self.orders[order_id] = state

    def orders_by_state(self) -> dict[str, int]:
        seen = Counter(self.orders.values())
        return {state: seen[state] for state in ORDER_STATES}

    def rss(self, value: float | None) -> None:
        if value is None:
            self.rss_exported = bool(self.rss_exported)
            return
        self.rss_exported = True
        self.peak_rss_bytes = max(value, self.peak_rss_bytes or 0.0)

    def elapsed(self) -> float:
        return time.monotonic() - self.started
