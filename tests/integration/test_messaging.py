"""The messaging kernel against real NATS JetStream and PostgreSQL: consumer, inbox,
dead letters and replay, and the outbox relay across a broker outage."""

from __future__ import annotations

import asyncio
import functools
import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import nats
import pytest
from fast_depends.msgspec import MsgSpecSerializer
from faststream.nats import NatsBroker, NatsRouter
from prometheus_client import CollectorRegistry

from mall_adapters.infra.nats import EmbeddedNats
from mall_adapters.messaging.command_processor import CommandProcessor
from mall_adapters.messaging.consumer import ConsumerSettings, NatsConsumer
from mall_adapters.messaging.drain import PullDrain
from mall_adapters.messaging.inbox_processor import InboxProcessor
from mall_adapters.messaging.relay import OutboxRelay, RelaySettings
from mall_adapters.messaging.sink import OutboxSink
from mall_adapters.messaging.stream import ensure_stream
from mall_adapters.observability.metrics import MessageMetrics, RelayMetrics
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.dead_letters import PostgresDeadLetters
from mall_adapters.postgres.inbox import PostgresInbox
from mall_adapters.postgres.outbox import PostgresOutbox
from mall_adapters.postgres.outbox_watch import PostgresOutboxWatch
from mall_adapters.postgres.unit_of_work import PostgresUnitOfWork
from mall_adapters.reliability.envelope import Envelope
from mall_adapters.system import SystemClock, UuidIds
from mall_contracts.common import subjects
from tests.support.polling import eventually

SUBJECT = "intellimall.tests.events.Thing"
DURABLE = "tests-things"


def envelope(body: bytes, name: str = "tests.Thing", message_id: str | None = None) -> Envelope:
    return Envelope(
        id=message_id or str(uuid.uuid4()),
        name=name,
        subject=SUBJECT,
        data=body,
        occurred_at=datetime.now(UTC),
    )


class Harness:
    """A consumer on SUBJECT whose handler records an effect row, or fails on b"fail"."""

    def __init__(self, db: Database, nats_url: str, max_deliver: int = 3) -> None:
        self.db = db
        self.registry = CollectorRegistry()
        self.broker = NatsBroker(nats_url, serializer=MsgSpecSerializer(), logger=None)
        self.dead_letters = PostgresDeadLetters(db, "stores")
        self.uow = PostgresUnitOfWork(db)
        metrics = MessageMetrics(self.registry, "stores")
        inbox = PostgresInbox(db, "stores")
        self.sink = OutboxSink(PostgresOutbox(db, "stores"), SystemClock(), UuidIds(), metrics)
        self.consumer = NatsConsumer(
            InboxProcessor(inbox, self.uow),
            CommandProcessor(inbox, self.uow, self.sink),
            self.dead_letters,
            metrics,
            ConsumerSettings(
                stream=subjects.STREAM, max_deliver=max_deliver, retry_delay_seconds=0.05
            ),
            functools.partial(db.session, reserved=True),
        )
        self.failing = True
        self.delay = 0.0  # seconds each message takes to handle

    async def handle(self, envelope: Envelope) -> None:
        data = envelope.data
        await asyncio.sleep(self.delay)
        if data == b"fail" and self.failing:
            raise RuntimeError("the handler broke")
        await self.uow.run(
            lambda: self.db.connection().execute(
                "INSERT INTO effects (body) VALUES ($1)", data.decode()
            )
        )

    async def start(self) -> None:
        router = NatsRouter()
        self.consumer.subscribe(router, SUBJECT, DURABLE, {"tests.Thing": self.handle})
        self.broker.include_router(router)
        await self.broker.connect()
        await ensure_stream(self.broker)
        await self.broker.start()

    async def publish(self, env: Envelope) -> None:
        await self.broker.publish(
            env.data, env.subject, headers=env.headers(), stream=subjects.STREAM
        )

    async def effects(self) -> list[str]:
        rows = await self.db.pool.fetch("SELECT body FROM effects ORDER BY id")
        return [r["body"] for r in rows]


@pytest.fixture
async def harness(db: Database, nats_url: str) -> AsyncIterator[Harness]:
    await db.pool.execute("CREATE TABLE effects (id serial PRIMARY KEY, body text NOT NULL)")
    h = Harness(db, nats_url)
    await h.start()
    yield h
    await h.broker.stop()


async def test_each_message_is_handled_once_and_other_names_are_skipped(harness: Harness) -> None:
    await harness.publish(envelope(b"one"))
    await harness.publish(envelope(b"ignored", name="tests.SomethingElse"))
    await harness.publish(envelope(b"two"))
    await eventually(lambda: harness.effects(), lambda e: e == ["one", "two"])


async def test_redelivery_of_a_handled_message_changes_nothing(
    harness: Harness, nats_url: str
) -> None:
    """Deleting the durable consumer replays the whole stream: the inbox drops the repeats."""
    await harness.publish(envelope(b"one"))
    await eventually(lambda: harness.effects(), lambda e: e == ["one"])
    await harness.broker.stop()
    nc = await nats.connect(nats_url)
    await nc.jetstream().delete_consumer(subjects.STREAM, DURABLE)
    await nc.close()
    again = Harness(harness.db, nats_url)
    await again.start()
    try:
        await again.publish(envelope(b"two"))
        await eventually(lambda: again.effects(), lambda e: e == ["one", "two"])
        received = again.registry.get_sample_value(
            "stores_received_messages_count_total", {"message": "tests.Thing", "handled": "true"}
        )
        assert received == 2.0  # "one" was delivered again, and skipped
    finally:
        await again.broker.stop()


async def test_a_failing_message_is_retried_then_parked_and_can_be_replayed(
    harness: Harness,
) -> None:
    bad = envelope(b"fail")
    await harness.publish(bad)
    await harness.publish(envelope(b"after"))
    letters = await eventually(harness.dead_letters.list, lambda found: len(found) == 1)
    assert letters[0].envelope.id == bad.id
    assert letters[0].deliveries == 3
    assert letters[0].error == "RuntimeError: the handler broke"
    assert await harness.effects() == ["after"]  # a poison message does not block the others
    failed = harness.registry.get_sample_value(
        "stores_received_messages_count_total", {"message": "tests.Thing", "handled": "false"}
    )
    assert failed == 3.0
    parked = harness.registry.get_sample_value(
        "stores_parked_messages_count_total", {"message": "tests.Thing"}
    )
    assert parked == 1.0

    harness.failing = False  # the bug got fixed
    assert await harness.consumer.replay(letters[0])
    assert await harness.effects() == ["after", "fail"]
    assert await harness.consumer.replay(letters[0])  # replaying again: the inbox says done
    assert await harness.effects() == ["after", "fail"]


async def test_relay_publishes_in_order_after_the_broker_comes_back(
    db: Database, tmp_path: Path
) -> None:
    nats_server = EmbeddedNats(tmp_path / "nats")
    url = nats_server.start()
    broker = NatsBroker(url, serializer=MsgSpecSerializer(), logger=None, max_reconnect_attempts=-1)
    await broker.connect()
    await ensure_stream(broker)
    outbox = PostgresOutbox(db, "stores")
    watch = PostgresOutboxWatch(db, ["stores"], poll_seconds=0.1)
    registry = CollectorRegistry()
    relay = OutboxRelay(
        outbox,
        PostgresDeadLetters(db, "stores"),
        watch,
        PostgresUnitOfWork(db),
        broker,
        RelayMetrics(registry, "stores"),
        RelaySettings(stream=subjects.STREAM, poll_seconds=0.1, publish_timeout_seconds=0.5),
    )
    task = asyncio.create_task(relay.run())
    watching = asyncio.create_task(watch.run())
    try:
        nats_server.stop()
        sent = [envelope(f"m{i}".encode()) for i in range(5)]
        async with db.transaction():
            for env in sent:
                await outbox.add(env)
        await asyncio.sleep(1.5)  # the relay is trying and failing meanwhile
        assert await unpublished(db) == 5
        assert registry.get_sample_value("stores_outbox_backlog_messages") == 5.0
        nats_server.start()  # the same ports and data
        await eventually(lambda: unpublished(db), lambda n: n == 0, within=20)
        assert registry.get_sample_value("stores_outbox_relayed_messages_count_total") == 5.0
        assert registry.get_sample_value("stores_outbox_backlog_messages") == 0.0
        nc = await nats.connect(url)
        js = nc.jetstream()
        info = await js.stream_info(subjects.STREAM)
        stored = [(await js.get_msg(subjects.STREAM, seq)).headers for seq in range(1, 6)]
        await nc.close()
        assert info.state.messages == 5  # retried publishes were de-duplicated
        assert [h["Nats-Msg-Id"] for h in stored if h] == [e.id for e in sent]
    finally:
        task.cancel()
        watching.cancel()
        await asyncio.gather(task, watching, return_exceptions=True)
        await broker.stop()
        nats_server.stop()


async def unpublished(db: Database) -> int:
    count: int = await db.pool.fetchval(
        "SELECT count(*) FROM stores.outbox WHERE published_at IS NULL"
    )
    return count


async def test_a_drained_consumer_has_handled_and_acknowledged_every_message_it_fetched(
    harness: Harness, nats_url: str
) -> None:
    """faststream drops the batch a fetch returns once its subscriber is stopping, and
    JetStream delivers those messages again only after the ack wait (30 s). After a drain,
    every message delivered was handled and acknowledged, and none is fetched any more."""
    drain = PullDrain()
    assert drain.install(harness.broker) == 1
    harness.delay = 0.2  # a batch is being handled when the drain starts
    nc = await nats.connect(nats_url)
    js = nc.jetstream()

    async def publish(count: int) -> None:
        for n in range(count):
            env = envelope(f"m{n}".encode())
            await js.publish(env.subject, env.data, headers=env.headers())

    try:
        await publish(100)
        await eventually(lambda: harness.effects(), lambda e: len(e) >= 1)
        assert await drain.drain(within=10)
        drained = await js.consumer_info(subjects.STREAM, DURABLE)
        await publish(10)
        await asyncio.sleep(0.5)  # a fetch would have taken some of them by now
        after = await js.consumer_info(subjects.STREAM, DURABLE)
        await harness.broker.stop()  # sends what it has not sent yet, acks included
        stopped = await js.consumer_info(subjects.STREAM, DURABLE)
    finally:
        await nc.close()
    assert after.delivered == drained.delivered
    assert stopped.num_ack_pending == 0
    assert len(await harness.effects()) == stopped.delivered.stream_seq < 100


async def test_a_drain_hands_over_what_a_pull_request_delivered_after_its_fetch_returned(
    harness: Harness, nats_url: str
) -> None:
    """A pull request can outlive the fetch that sent it; nats-py keeps what it delivers for
    the next fetch. Once the drain closed the fetch, those messages are still handled."""
    drain = PullDrain()
    assert drain.install(harness.broker) == 1
    (subscriber,) = harness.broker.subscribers
    subscription = subscriber.subscription  # type: ignore[attr-defined]
    harness.delay = 1.0  # the consumer handles "first" and fetches nothing meanwhile
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    try:
        first, late = envelope(b"first"), envelope(b"late")
        await js.publish(first.subject, first.data, headers=first.headers())
        await eventually(
            lambda: js.consumer_info(subjects.STREAM, DURABLE), lambda c: c.num_ack_pending == 1
        )
        # A request no fetch waits for, as one nats-py left behind would be.
        request = json.dumps({"batch": 1, "expires": 900_000_000}).encode()
        await nc.publish(subscription._nms, request, reply=subscription._deliver)
        await js.publish(late.subject, late.data, headers=late.headers())
        await eventually(lambda: pending_in(subscription), lambda n: n == 1)

        assert await drain.drain(within=10)
        await harness.broker.stop()  # sends what it has not sent yet, acks included

        stopped = await js.consumer_info(subjects.STREAM, DURABLE)
    finally:
        await nc.close()
    assert stopped.num_ack_pending == 0
    assert await harness.effects() == ["first", "late"]


async def pending_in(subscription: Any) -> int:
    found: int = subscription.pending_msgs
    return found
