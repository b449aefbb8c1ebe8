"""`HttpMetrics`: `http_requests_count` and `http_requests_latency_seconds`, labelled by
method, route template and status, counted by an ASGI middleware around every route. The
same middleware names the request's span by its route (the tracing middleware runs before
routing, when only the raw path is known)."""

from __future__ import annotations

import time

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from prometheus_client import CollectorRegistry, Counter, Histogram

from mall_adapters.observability.metrics import LATENCY_BUCKETS
from mall_adapters.observability.tracing import name_request_span


class HttpMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        labels = ["method", "route", "status"]
        self._requests = Counter(
            "http_requests_count", "HTTP requests answered.", labels, registry=registry
        )
        self._latency = Histogram(
            "http_requests_latency_seconds",
            "Time taken to answer an HTTP request.",
            labels,
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        # The labelled children by (method, route, status): `labels()` validates and locks on
        # every call, and this runs on every request.
        self._children: dict[tuple[str, str, str], tuple[Counter, Histogram]] = {}

    def _observe(self, labels: tuple[str, str, str], seconds: float) -> None:
        children = self._children.get(labels)
        if children is None:
            children = self._requests.labels(*labels), self._latency.labels(*labels)
            self._children[labels] = children
        children[0].inc()
        children[1].observe(seconds)

    def middleware(self, app: ASGIApp) -> ASGIApp:
        """Litestar runs route middleware after routing: the scope names the route."""

        async def measured(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != ScopeType.HTTP:
                await app(scope, receive, send)
                return
            status = 500  # what the client sees when the handler dies before answering

            async def sending(message: Message) -> None:
                nonlocal status
                if message["type"] == "http.response.start":
                    status = message["status"]
                await send(message)

            method, route = str(scope.get("method", "?")), scope.get("path_template", "?")
            name_request_span(method, route)
            started = time.perf_counter()
            try:
                await app(scope, receive, sending)
            finally:
                self._observe((method, route, str(status)), time.perf_counter() - started)

        return measured
