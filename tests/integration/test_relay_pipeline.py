"""The relay publishes a batch pipelined against real JetStream: every message gets its own
outcome, the stream keeps the outbox order, and nothing overtakes a transient failure."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import nats
import nats.errors
import nats.js.errors
import pytest
from fast_depends.msgspec import MsgSpecSerializer
from faststream.nats import NatsBroker
from prometheus_client import CollectorRegistry

from mall_adapters.messaging.pipeline import PipelinedPublisher
from mall_adapters.messaging.relay import OutboxRelay, RelaySettings
from mall_adapters.messaging.stream import ensure_stream
from mall_adapters.observability.metrics import RelayMetrics
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.dead_letters import PostgresDeadLetters
from mall_adapters.postgres.outbox import PostgresOutbox
from mall_adapters.postgres.outbox_watch import PostgresOutboxWatch
from mall_adapters.postgres.unit_of_work import PostgresUnitOfWork
from mall_adapters.reliability.envelope import Envelope
from mall_contracts.common import subjects

SUBJECT = "intellimall.tests.events.Thing"
NO_STREAM = "nowhere.tests.Thing"  # no stream listens: JetStream answers "no responders"


def envelope(body: bytes, subject: str = SUBJECT) -> Envelope:
    return Envelope(str(uuid.uuid4()), "tests.Thing", subject, body, datetime.now(UTC))


@pytest.fixture
async def broker(nats_url: str) -> AsyncIterator[NatsBroker]:
    broker = NatsBroker(nats_url, serializer=MsgSpecSerializer(), logger=None)
    await broker.connect()
    await ensure_stream(broker)
    yield broker
    await broker.stop()


async def stored_ids(url: str) -> list[str]:
    nc = await nats.connect(url)
    try:
        js = nc.jetstream()
        count = (await js.stream_info(subjects.STREAM)).state.messages
        found = [await js.get_msg(subjects.STREAM, seq) for seq in range(1, count + 1)]
        return [(m.headers or {}).get("Nats-Msg-Id", "") for m in found]
    finally:
        await nc.close()


async def test_each_message_of_a_batch_gets_its_outcome_and_the_stream_keeps_the_order(
    broker: NatsBroker, nats_url: str
) -> None:
    batch = [envelope(f"m{i}".encode()) for i in range(30)]
    batch[7] = envelope(b"x" * 2_000_000)  # over the max payload: refused before it is sent
    publisher = PipelinedPublisher(broker, subjects.STREAM, timeout_seconds=5.0)

    outcomes = await publisher.publish(batch)

    assert [type(o).__name__ for o in outcomes] == ["NoneType"] * 7 + ["MaxPayloadError"] + [
        "NoneType"
    ] * 22
    assert await stored_ids(nats_url) == [e.id for i, e in enumerate(batch) if i != 7]
    again = await publisher.publish(batch[:3])  # a re-publish is acknowledged, and dropped
    assert again == [None, None, None]
    assert len(await stored_ids(nats_url)) == 29


async def test_a_transient_failure_leaves_it_and_every_message_behind_it_unpublished(
    broker: NatsBroker, db: Database
) -> None:
    outbox = PostgresOutbox(db, "stores")
    relay = OutboxRelay(
        outbox,
        PostgresDeadLetters(db, "stores"),
        PostgresOutboxWatch(db, ["stores"]),
        PostgresUnitOfWork(db),
        broker,
        RelayMetrics(CollectorRegistry(), "stores"),
        RelaySettings(stream=subjects.STREAM, publish_timeout_seconds=2.0),
    )
    first, stuck, behind = envelope(b"a"), envelope(b"b", NO_STREAM), envelope(b"c")
    async with db.transaction():
        for env in (first, stuck, behind):
            await outbox.add(env)

    with pytest.raises(nats.js.errors.NoStreamResponseError):
        await relay.relay_batch()

    assert [e.id for e in await outbox.unpublished(10)] == [stuck.id, behind.id]
    assert await db.fetchval("SELECT count(*) FROM stores.dead_letters") == 0
