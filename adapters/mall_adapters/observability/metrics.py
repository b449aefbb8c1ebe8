"""The reference's metric names (domain-spec §10.1), on one registry per running app.

prometheus_client exports a counter named `x_count` as `x_count_total`; the dashboards in
`docker/` query those exported names.
"""

from __future__ import annotations

from prometheus_client import (
    CollectorRegistry,
    Counter,
    GCCollector,
    Histogram,
    PlatformCollector,
    ProcessCollector,
)

LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
ALL = "all"


def app_registry() -> CollectorRegistry:
    """The registry of a running app, with the `process_*`, `python_info` and `python_gc_*`
    collectors that prometheus_client otherwise puts only on its global default registry."""
    registry = CollectorRegistry()
    ProcessCollector(registry=registry)
    PlatformCollector(registry=registry)
    GCCollector(registry=registry)
    return registry


class MessageMetrics:
    """`<module>_received_messages_count`, `..._latency_seconds` and `<module>_sent_messages_count`,
    each labelled by message name plus a synthetic `all`."""

    def __init__(self, registry: CollectorRegistry, module: str) -> None:
        self._received = Counter(
            f"{module}_received_messages_count",
            f"Messages delivered to {module}'s consumers (duplicates included).",
            ["message", "handled"],
            registry=registry,
        )
        self._latency = Histogram(
            f"{module}_received_messages_latency_seconds",
            f"Time {module} took to handle a delivered message.",
            ["message", "handled"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self._sent = Counter(
            f"{module}_sent_messages_count",
            f"Messages {module} wrote to its outbox.",
            ["message"],
            registry=registry,
        )

    def received(self, name: str, handled: bool, seconds: float) -> None:
        flag = "true" if handled else "false"
        for label in (name, ALL):
            self._received.labels(label, flag).inc()
            self._latency.labels(label, flag).observe(seconds)

    def sent(self, name: str) -> None:
        for label in (name, ALL):
            self._sent.labels(label).inc()


class BusinessCounters:
    """Counters bumped after a use case succeeded, e.g. `baskets_started_count`."""

    def __init__(self, registry: CollectorRegistry, names: dict[str, str]) -> None:
        """`names` maps a use-case method name to the counter it bumps."""
        self._by_operation = {
            operation: Counter(counter, f"Successful {operation} calls.", registry=registry)
            for operation, counter in names.items()
        }

    def succeeded(self, operation: str) -> None:
        counter = self._by_operation.get(operation)
        if counter is not None:
            counter.inc()
