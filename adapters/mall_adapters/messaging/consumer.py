"""`NatsConsumer`: durable JetStream consumers with inbox dedup, and query responders.

Each delivery runs in one unit of work: transaction, inbox insert (a duplicate is acked and
skipped), handler, commit, then ack. A failure rolls everything back and NAKs with an
exponential delay; once a message has been delivered `max_deliver` times it is parked in the
module's dead-letter table with its error and acknowledged, so it stops coming back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import msgspec
from faststream import AckPolicy, Response
from faststream.nats import JStream, NatsMessage, NatsRouter, PullSub
from nats.js.api import ConsumerConfig, DeliverPolicy

from mall_adapters.messaging.binding import Consumer, Route
from mall_adapters.messaging.envelope import HEADER_ID, HEADER_NAME, Envelope, MalformedMessageError
from mall_adapters.observability.metrics import MessageMetrics
from mall_adapters.observability.tracing import consumer_span
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.dead_letters import PostgresDeadLetters
from mall_adapters.postgres.inbox import PostgresInbox

log = logging.getLogger(__name__)
Q = TypeVar("Q", bound=msgspec.Struct)
R = TypeVar("R", bound=msgspec.Struct)


@dataclass(frozen=True)
class ConsumerSettings:
    stream: str
    max_deliver: int = 5
    ack_wait_seconds: float = 30.0
    retry_delay_seconds: float = 0.2  # first NAK delay; doubles per delivery
    max_retry_delay_seconds: float = 10.0
    batch_size: int = 20
    fetch_timeout_seconds: float = 1.0

    def retry_delay(self, deliveries: int) -> float:
        return float(
            min(self.retry_delay_seconds * 2 ** (deliveries - 1), self.max_retry_delay_seconds)
        )


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


class InboxProcessor:
    """Runs one message as a unit of work; returns False for a duplicate (handled before)."""

    def __init__(self, db: Database, inbox: PostgresInbox) -> None:
        self._db = db
        self._inbox = inbox

    async def process(self, envelope: Envelope, route: Route) -> bool:
        async with self._db.transaction():
            if not await self._inbox.accept(envelope):
                return False
            await route(envelope.data)
            return True


class NatsConsumer(Consumer):
    def __init__(
        self,
        db: Database,
        processor: InboxProcessor,
        dead_letters: PostgresDeadLetters,
        metrics: MessageMetrics,
        settings: ConsumerSettings,
    ) -> None:
        self._db = db
        self._processor = processor
        self._dead_letters = dead_letters
        self._metrics = metrics
        self._settings = settings
        self._stream = JStream(name=settings.stream, declare=False)
        self.routes: dict[str, Mapping[str, Route]] = {}  # by durable name, for replays

    def subscribe(
        self, router: NatsRouter, subject: str, durable: str, routes: Mapping[str, Route]
    ) -> None:
        s = self._settings
        config = ConsumerConfig(
            durable_name=durable,
            deliver_policy=DeliverPolicy.ALL,
            ack_wait=s.ack_wait_seconds,
            max_deliver=-1,  # bounded by `deliver` below, which parks instead of dropping
            filter_subject=subject,
        )

        async def handle(msg: NatsMessage) -> None:
            await self.deliver(durable, routes, msg)

        self.routes[durable] = routes

        router.subscriber(
            subject,
            stream=self._stream,
            durable=durable,
            config=config,
            pull_sub=PullSub(batch_size=s.batch_size, timeout=s.fetch_timeout_seconds),
            ack_policy=AckPolicy.MANUAL,
            title=durable,
        )(handle)

    async def deliver(self, durable: str, routes: Mapping[str, Route], msg: NatsMessage) -> None:
        raw = msg.raw_message
        deliveries = raw.metadata.num_delivered or 1
        try:
            envelope = Envelope.from_headers(raw.subject, msg.body, msg.headers)
        except MalformedMessageError as error:
            log.error("%s: dropping malformed message: %s", durable, error)
            await msg.reject()
            return
        route = routes.get(envelope.name)
        if route is None:  # a message this consumer does not handle
            await msg.ack()
            return
        if deliveries > self._settings.max_deliver:  # earlier attempts crashed or timed out
            await self._park(
                durable, envelope, "no outcome after repeated deliveries", deliveries, msg
            )
            return
        started = time.perf_counter()
        with consumer_span(
            envelope.name, envelope.id, envelope.subject, envelope.extra_headers
        ) as span:
            try:
                await self._processor.process(envelope, route)
            except Exception as error:
                span.record_exception(error)
                self._metrics.received(envelope.name, False, time.perf_counter() - started)
                if deliveries >= self._settings.max_deliver:
                    await self._park(durable, envelope, describe(error), deliveries, msg)
                else:
                    log.warning(
                        "%s: %s failed (delivery %d): %s", durable, envelope.name, deliveries, error
                    )
                    await msg.nack(delay=self._settings.retry_delay(deliveries))
                return
        self._metrics.received(envelope.name, True, time.perf_counter() - started)
        await msg.ack()

    async def _park(
        self, durable: str, envelope: Envelope, error: str, deliveries: int, msg: NatsMessage
    ) -> None:
        log.error(
            "%s: parking %s %s after %d deliveries: %s",
            durable,
            envelope.name,
            envelope.id,
            deliveries,
            error,
        )
        await self._dead_letters.park(durable, envelope, error, deliveries)
        await msg.ack()

    async def replay(self, message_id: str, durable: str) -> bool:
        """Run a parked message through its consumer's route again (inbox and all).

        Returns False when there is no such dead letter; raises what the handler raises."""
        letter = await self._dead_letters.get(message_id, durable)
        route = self.routes.get(durable)
        if letter is None or route is None:
            return False
        handler = route.get(letter.envelope.name)
        if handler is not None:
            await self._processor.process(letter.envelope, handler)
        await self._dead_letters.mark_replayed(message_id, durable)
        return True

    def answer(
        self,
        router: NatsRouter,
        subject: str,
        queue: str,
        request: type[Q],
        handler: Callable[[Q], Awaitable[R]],
        replies: Mapping[type[msgspec.Struct], str],
    ) -> None:
        decoder = msgspec.json.Decoder(request)

        async def respond(msg: NatsMessage) -> Response:
            name = msg.headers.get(HEADER_NAME, subject)
            started = time.perf_counter()
            handled = False
            try:
                query = decoder.decode(msg.body)
                async with self._db.transaction():
                    result: Any = await handler(query)
                handled = True
            finally:
                self._metrics.received(name, handled, time.perf_counter() - started)
            reply_id = msg.headers.get(HEADER_ID, "")
            headers = {HEADER_NAME: replies[type(result)], HEADER_ID: f"{reply_id}.reply"}
            return Response(msgspec.json.encode(result), headers=headers)

        router.subscriber(subject, queue=queue, title=queue)(respond)
