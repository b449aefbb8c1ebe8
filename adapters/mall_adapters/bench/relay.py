"""`intellimall bench relay`: the product's outbox relay and consumer (a committed batch of
`StoreCreated` rows in the stores outbox → JetStream ack → the baskets consumer's inbox row)
beside raw nats-py JetStream publishing of the same messages, awaited one by one and
pipelined in concurrent batches, in alternating rounds."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import msgspec
import nats
from nats.js.api import StreamConfig

from mall_adapters.bench.common import new_report, summarize
from mall_adapters.bench.cpu import CpuMeter
from mall_adapters.bench.procs import Target
from mall_adapters.bench.report import Report
from mall_adapters.bench.stats import rate, ratio
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.outbox import PostgresOutbox
from mall_adapters.reliability.envelope import Envelope
from mall_contracts.stores.messages import STORE_CREATED, StoreCreated
from mall_contracts.stores.subjects import STORE_EVENTS

RAW_STREAM, RAW_SUBJECT = "BENCH_RAW", "bench.raw.messages"
POLL_SECONDS = 0.02  # the polling must not load the PostgreSQL it measures
DEADLINE_SECONDS = 300.0
# The unpublished ones (a partial index), and of the rest only those not yet seen consumed.
UNRELAYED = "SELECT count(*) FROM stores.outbox WHERE published_at IS NULL AND id = ANY($1)"
CONSUMED = "SELECT id FROM baskets.inbox WHERE id = ANY($1)"


def bench_relay(mall: Target, messages: int, rounds: int, batch: int) -> Report:
    dsn, nats_url = mall.needs("bench relay")
    settings = {"messages": messages, "rounds": rounds, "batch": batch}
    report = new_report("relay", settings, mall)
    asyncio.run(_measure(report, dsn, nats_url, mall.pid, messages, rounds, batch))
    summarize(
        report,
        [
            "relay: committed -> consumer done",
            "raw publish, awaited one by one",
            "raw publish, pipelined",
        ],
    )
    relay = report.results["relay: committed -> consumer done"]
    relay["published_per_s"] = _median(
        [r["published_per_s"] for r in report.rounds if "published_per_s" in r]
    )
    pipelined = report.results["raw publish, pipelined"]["per_s"]
    report.ratios["relay (consumer done) / raw pipelined"] = ratio(relay["per_s"], pipelined)
    report.ratios["relay (published) / raw pipelined"] = ratio(relay["published_per_s"], pipelined)
    report.ratios["relay (consumer done) / raw one by one"] = ratio(
        relay["per_s"], report.results["raw publish, awaited one by one"]["per_s"]
    )
    return report


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


async def _measure(
    report: Report,
    dsn: str,
    nats_url: str,
    pid: int | None,
    messages: int,
    rounds: int,
    batch: int,
) -> None:
    db = Database()
    await db.open(dsn)
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    await js.add_stream(
        StreamConfig(name=RAW_STREAM, subjects=[RAW_SUBJECT], duplicate_window=120.0)
    )
    try:
        await _relay(db, 10)  # warm-up, not counted
        kinds: list[tuple[str, Callable[[], Awaitable[dict[str, Any]]]]] = [
            ("relay: committed -> consumer done", lambda: _relay(db, messages)),
            ("raw publish, awaited one by one", lambda: _raw(js, messages, 1)),
            ("raw publish, pipelined", lambda: _raw(js, messages, batch)),
        ]
        for number in range(1, rounds + 1):
            for kind, measure in kinds:
                meter = CpuMeter(pid)
                figures = await measure() | meter.percent()
                report.rounds.append({"round": number, "kind": kind, **figures})
    finally:
        await js.delete_stream(RAW_STREAM)
        await nc.close()
        await db.close()


def _envelopes(count: int) -> list[Envelope]:
    now = datetime.now(UTC)
    made = []
    for n in range(count):
        store = StoreCreated(id=uuid.uuid4().hex, name=f"Relayed {n}", location="Row 3", version=1)
        data = msgspec.json.encode(store)
        made.append(Envelope(uuid.uuid4().hex, STORE_CREATED, STORE_EVENTS, data, now))
    return made


async def _relay(db: Database, count: int) -> dict[str, Any]:
    """Commit `count` rows through the stores outbox port, then wait until the relay marked
    them published and the baskets consumer recorded every one in its inbox."""
    envelopes = _envelopes(count)
    ids = [e.id for e in envelopes]
    outbox = PostgresOutbox(db, "stores")
    async with db.transaction():
        for envelope in envelopes:
            await outbox.add(envelope)
    committed = time.perf_counter()
    published_at = consumed_at = 0.0
    waiting = set(ids)
    async with db.session() as conn:
        while not consumed_at:
            if time.perf_counter() - committed > DEADLINE_SECONDS:
                raise SystemExit(
                    f"relay bench: {count} messages not consumed in {DEADLINE_SECONDS:.0f}s"
                )
            if not published_at and await conn.fetchval(UNRELAYED, ids) == 0:
                published_at = time.perf_counter()
            waiting -= {row["id"] for row in await conn.fetch(CONSUMED, list(waiting))}
            if published_at and not waiting:
                consumed_at = time.perf_counter()
            await asyncio.sleep(POLL_SECONDS)
    return {
        "count": count,
        "seconds": round(consumed_at - committed, 3),
        "per_s": rate(count, consumed_at - committed),
        "published_per_s": rate(count, published_at - committed),
    }


async def _raw(js: Any, count: int, batch: int) -> dict[str, Any]:
    """Publish `count` messages of the relay's size and headers, `batch` awaited at once."""
    envelopes = _envelopes(count)
    started = time.perf_counter()
    for first in range(0, count, batch):
        chunk = envelopes[first : first + batch]
        await asyncio.gather(*(js.publish(RAW_SUBJECT, e.data, headers=e.headers()) for e in chunk))
    seconds = time.perf_counter() - started
    return {"count": count, "seconds": round(seconds, 3), "per_s": rate(count, seconds)}
