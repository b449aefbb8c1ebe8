"""What the summaries count: refusals the simulator asked for apart from unexpected ones,
5xx and unanswered requests apart again; orders by the state last seen; the target's peak
resident memory from its Prometheus exposition."""

from __future__ import annotations

from mall_adapters.busywork.rss import resident_bytes
from mall_adapters.busywork.summary import Rate
from mall_adapters.busywork.tally import Tally

EXPOSITION = """# HELP process_resident_memory_bytes Resident memory size in bytes.
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes 1.2345e+08
process_virtual_memory_bytes 9.0e+08
"""


def test_answers_are_told_apart() -> None:
    tally = Tally()
    tally.request("getOrder", 200, False)
    tally.request("getOrder", 404, True)
    tally.request("addItem", 404, False)
    tally.request("addItem", 400, False)
    tally.request("checkoutBasket", 503, False)
    tally.request("createStore", 0, False)
    assert tally.requests == 6
    assert (tally.ok, tally.expected_4xx, tally.unexpected_4xx) == (1, 1, 2)
    assert (tally.server_errors, tally.transport_failures) == (1, 1)
    assert tally.by_status == {404: 2, 400: 1, 503: 1, 0: 1}


def test_orders_are_counted_by_the_state_last_seen() -> None:
    tally = Tally()
    for order, state in [("a", "pending"), ("a", "approved"), ("b", "pending"), ("a", "completed")]:
        tally.order(order, state)
    counts = tally.orders_by_state()
    assert (counts["completed"], counts["pending"], counts["approved"]) == (1, 1, 0)


def test_the_peak_resident_memory_is_kept() -> None:
    tally = Tally()
    assert resident_bytes(EXPOSITION) == 123_450_000
    for value in (100.0, 300.0, 200.0):
        tally.rss(value)
    assert (tally.rss_exported, tally.peak_rss_bytes) == (True, 300.0)


def test_a_target_without_the_metric_says_so() -> None:
    tally = Tally()
    tally.rss(resident_bytes("process_virtual_memory_bytes 1\n"))
    assert (tally.rss_exported, tally.peak_rss_bytes) == (False, None)


def test_the_live_rate_counts_the_requests_of_the_last_seconds() -> None:
    tally = Tally()
    rate = Rate(tally)
    for _ in range(30):
        tally.request("getStores", 200, False)
    assert rate() > 0
    assert rate() > 0  # a second look right after still sees the window's requests
