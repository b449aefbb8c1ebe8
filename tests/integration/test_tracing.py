"""Tracing through the real app (real PostgreSQL and NATS, an in-memory span exporter): one
checkout that ends in an approved order is one trace, from the HTTP request through each
outbox write, relay publish, NATS delivery and its SQL, and every step of the create-order
saga, each span the child of the one that caused it. With tracing off nothing is traced
and no trace context is written with the messages."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import pytest
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from mall_adapters.bootstrap.settings import Settings
from mall_adapters.observability import tracing
from tests.support.app import AppUnderTest, running_app
from tests.support.mall import Mall
from tests.support.polling import eventually

APPROVE = "ordersapi.ApproveOrder"


@pytest.fixture
def exporter() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing.install(provider)
    try:
        yield exporter
    finally:
        tracing.uninstall()


@pytest.fixture
async def app(settings: Settings, exporter: InMemorySpanExporter) -> AsyncIterator[AppUnderTest]:
    """The app, started after the in-memory exporter was installed."""
    async with running_app(settings) as running:
        yield running


@pytest.fixture
def mall(app: AppUnderTest) -> Mall:
    return Mall(app[0])


def by_id(spans: tuple[ReadableSpan, ...]) -> dict[int, ReadableSpan]:
    return {span.context.span_id: span for span in spans if span.context is not None}


def ancestry(span: ReadableSpan, spans: dict[int, ReadableSpan]) -> list[ReadableSpan]:
    """`span`, its parent, ... up to the first span whose parent was not recorded."""
    chain = [span]
    while chain[-1].parent is not None and chain[-1].parent.span_id in spans:
        chain.append(spans[chain[-1].parent.span_id])
    return chain


def _complete(spans: tuple[ReadableSpan, ...]) -> bool:
    """Every recorded span's parent was recorded: no span of the trace is still open."""
    recorded = by_id(spans)
    return all(s.parent is None or s.parent.span_id in recorded for s in spans)


def checkout_span(spans: tuple[ReadableSpan, ...]) -> ReadableSpan:
    [span] = [
        s
        for s in spans
        if s.kind is SpanKind.SERVER and s.name.startswith("PUT") and s.name.endswith("checkout")
    ]
    return span


async def test_a_checkout_is_one_trace_from_http_through_the_saga(
    mall: Mall, exporter: InMemorySpanExporter
) -> None:
    customer = await mall.customer()
    order_id = await mall.checkout(customer, amount=10.0)
    await mall.order_in(order_id, "approved")

    await mall.saga_done(order_id)
    # Every span recorded, with its parent: nothing of this trace is still running.
    spans = await eventually(finished(exporter), _complete, within=30)
    root = checkout_span(spans)
    assert root.context is not None and root.parent is None
    trace = [
        s for s in spans if s.context is not None and s.context.trace_id == root.context.trace_id
    ]
    recorded = by_id(tuple(trace))

    [approved] = [s for s in trace if s.name == f"consume {APPROVE}"]
    chain = ancestry(approved, recorded)
    assert chain[-1] is root  # every link up to the HTTP request was recorded
    kinds = [(s.kind, s.name.split(" ")[0]) for s in reversed(chain)]
    # HTTP → outbox → relay → consume (ordering) → outbox → relay → consume (cosec) → saga
    # step → outbox → relay → ... → consume ApproveOrder in ordering.
    assert kinds[:4] == [
        (SpanKind.SERVER, "PUT"),
        (SpanKind.PRODUCER, "outbox"),
        (SpanKind.PRODUCER, "publish"),
        (SpanKind.CONSUMER, "consume"),
    ]
    assert kinds[-4:] == [
        (SpanKind.INTERNAL, "saga"),
        (SpanKind.PRODUCER, "outbox"),
        (SpanKind.PRODUCER, "publish"),
        (SpanKind.CONSUMER, "consume"),
    ]
    saga_steps = [s.name for s in trace if s.name.startswith("saga ")]
    assert saga_steps == [
        "saga cosec.CreateOrder customersapi.AuthorizeCustomer",
        "saga cosec.CreateOrder depotapi.CreateShoppingListCommand",
        "saga cosec.CreateOrder paymentsapi.ConfirmPayment",
        "saga cosec.CreateOrder depotapi.InitiateShoppingCommand",
        f"saga cosec.CreateOrder {APPROVE}",
    ]
    sql = [s for s in trace if (s.attributes or {}).get("db.system") == "postgresql"]
    under_consumers = [
        s for s in sql if any(a.kind is SpanKind.CONSUMER for a in ancestry(s, recorded))
    ]
    assert sql and under_consumers  # the request's SQL and the consumers' SQL


async def test_a_look_up_is_a_client_span_answered_in_the_same_trace(
    app: AppUnderTest, mall: Mall, exporter: InMemorySpanExporter
) -> None:
    pool = app[1].infra.db().pool
    _, product = await mall.product()
    cached = "SELECT count(*) FROM baskets.products_cache WHERE id = $1"
    await eventually(lambda: pool.fetchval(cached, product), lambda count: count == 1)
    # Baskets forgets its caches: adding the product asks stores for it.
    await pool.execute("TRUNCATE baskets.products_cache, baskets.stores_cache")
    basket = (await mall.ok("POST", "/api/baskets", {"customerId": "c1"}))["id"]
    item = {"productId": product, "quantity": 1}
    await mall.ok("PUT", f"/api/baskets/{basket}/addItem", item)

    spans = await eventually(finished(exporter), _complete)
    recorded = by_id(spans)
    [add] = [s for s in spans if s.name == "PUT /api/baskets/{id}/addItem"]
    requests = [s for s in spans if s.kind is SpanKind.CLIENT and s.name.startswith("request ")]
    answers = [s for s in spans if s.kind is SpanKind.SERVER and s.name.startswith("answer ")]
    assert requests and all(ancestry(r, recorded)[-1] is add for r in requests)
    assert {a.parent.span_id for a in answers if a.parent} == {
        r.context.span_id for r in requests if r.context
    }
    sql = [s for s in spans if (s.attributes or {}).get("db.system") == "postgresql"]
    assert any(answers[0] in ancestry(s, recorded) for s in sql)  # stores read its data


def finished(exporter: InMemorySpanExporter) -> Callable[[], Awaitable[tuple[ReadableSpan, ...]]]:
    """A probe for `eventually`: the spans exported so far."""

    async def read() -> tuple[ReadableSpan, ...]:
        return exporter.get_finished_spans()

    return read
