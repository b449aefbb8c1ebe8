"""The reference implementation's metric names, on one registry per running app.

prometheus_client exports a counter named `x_count` as `x_count_total`; the dashboards in
`docker/` query those exported names.
"""

from __future__ import annotations

import functools
from typing import Any, TypeVar, cast

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    GCCollector,
    Histogram,
    PlatformCollector,
    ProcessCollector,
)

T = TypeVar("T")
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
    each labelled by message name plus a synthetic `all` (`handled="false"`: the handler
    failed), and `<module>_parked_messages_count`: deliveries its consumers gave up on."""

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
        self._parked = Counter(
            f"{module}_parked_messages_count",
            f"Deliveries {module}'s consumers parked as dead letters after their last attempt.",
            ["message"],
            registry=registry,
        )
        self._children: dict[tuple[str, bool], tuple[tuple[Counter, Histogram], ...]] = {}
        self._sent_children: dict[str, tuple[Counter, Counter]] = {}

    def parked(self, name: str) -> None:
        self._parked.labels(name).inc()

    def received(self, name: str, handled: bool, seconds: float) -> None:
        key = (name, handled)
        children = self._children.get(key)
        if children is None:  # `labels()` takes a lock and builds a tuple: once per key
            flag = "true" if handled else "false"
            children = self._children[key] = tuple(
                (self._received.labels(label, flag), self._latency.labels(label, flag))
                for label in (name, ALL)
            )
        for counter, histogram in children:
            counter.inc()
            histogram.observe(seconds)

    def sent(self, name: str) -> None:
        children = self._sent_children.get(name)
        if children is None:
            children = self._sent_children[name] = (self._sent.labels(name), self._sent.labels(ALL))
        for counter in children:
            counter.inc()


class RelayMetrics:
    """`<module>_outbox_relayed_messages_count` (published), `<module>_outbox_backlog_messages`
    (waiting to be published, as last seen by the relay) and, labelled by message name,
    `<module>_outbox_parked_messages_count` (messages that can never be published)."""

    def __init__(self, registry: CollectorRegistry, module: str) -> None:
        self._relayed = Counter(
            f"{module}_outbox_relayed_messages_count",
            f"Messages {module}'s outbox relay published (acknowledged by JetStream).",
            registry=registry,
        )
        self._backlog = Gauge(
            f"{module}_outbox_backlog_messages",
            f"Messages in {module}'s outbox waiting to be published, as its relay last saw"
            " (0 in a process that does not relay the module).",
            registry=registry,
        )
        self._parked = Counter(
            f"{module}_outbox_parked_messages_count",
            f"Messages {module}'s outbox relay parked as dead letters: they cannot be published.",
            ["message"],
            registry=registry,
        )

    def relayed(self, count: int) -> None:
        self._relayed.inc(count)

    def backlog(self, count: int) -> None:
        self._backlog.set(count)

    def parked(self, name: str) -> None:
        self._parked.labels(name).inc()


ANSWERED, UNAVAILABLE = "answered", "unavailable"


class LookupMetrics:
    """`lookup_requests_count` and `lookup_requests_latency_seconds`, labelled by query name
    and outcome (`answered`, `unavailable`: no answer in time, or an unusable one)."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self._requests = Counter(
            "lookup_requests_count",
            "Request/reply look-ups of another module's data.",
            ["query", "outcome"],
            registry=registry,
        )
        self._latency = Histogram(
            "lookup_requests_latency_seconds",
            "Time a look-up took, answered or not.",
            ["query", "outcome"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )

    def requested(self, query: str, outcome: str, seconds: float) -> None:
        self._requests.labels(query, outcome).inc()
        self._latency.labels(query, outcome).observe(seconds)


class SagaMetrics:
    """`sagas_count`, labelled by saga name and status: `started` when a saga is first
    saved, then `completed`, `compensated` or `failed` when it is saved finished. Counted
    when written; a unit of work retried after a conflict counts again."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self._sagas = Counter(
            "sagas_count",
            "Sagas started and finished, by status.",
            ["saga", "status"],
            registry=registry,
        )

    def saved(self, saga: str, status: str) -> None:
        self._sagas.labels(saga, status).inc()


def counted(port: T, registry: CollectorRegistry, names: dict[str, str]) -> T:
    """`port` with business counters, e.g. `baskets_started_count`: `names` maps a method of
    the port to the counter bumped each time a call of it succeeded."""
    counters = {
        method: Counter(name, f"Successful {method} calls.", registry=registry)
        for method, name in names.items()
    }

    class Counted:
        def __getattr__(self, name: str) -> Any:
            method = getattr(port, name)
            counter = counters.get(name)
            if counter is None:
                return method

            @functools.wraps(method)
            async def call(*args: Any, **kwargs: Any) -> Any:
                result = await method(*args, **kwargs)
                counter.inc()
                return result

            setattr(self, name, call)  # built once: later look-ups skip __getattr__
            return call

    return cast(T, Counted())
