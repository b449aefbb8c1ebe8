"""`NatsConsumer`: durable JetStream consumers with inbox dedup, and query responders.

Each delivery goes through the `InboxProcessor` (effect and inbox row in one transaction; a
duplicate is acked and skipped; only a redelivery is looked up in the inbox first), then is
acked. A failure NAKs with an exponential delay;
once a message has been delivered `max_deliver` times it is parked in the module's dead
letters with its error and acknowledged, so it stops coming back and never blocks the rest.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import msgspec
from faststream import AckPolicy
from faststream.nats import JStream, NatsMessage, NatsRouter, PullSub
from nats.js.api import ConsumerConfig, DeliverPolicy

from mall_adapters.messaging.binding import CommandRoute, Consumer, Route
from mall_adapters.messaging.command_processor import CommandProcessor
from mall_adapters.messaging.inbox_processor import InboxProcessor
from mall_adapters.messaging.responder import ReadScope, answer
from mall_adapters.observability.metrics import MessageMetrics
from mall_adapters.observability.tracing import consumer_span
from mall_adapters.reliability.envelope import Envelope, MalformedMessageError
from mall_adapters.reliability.ports import DeadLetter, DeadLetters, Replayer

log = logging.getLogger(__name__)
Q = TypeVar("Q", bound=msgspec.Struct)
R = TypeVar("R", bound=msgspec.Struct)
Handle = Callable[[Envelope, bool], Awaitable[bool]]
"""Runs one delivered message through the inbox (and replies, for a command); the flag says
it is the broker's first delivery of the message."""


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


async def _itself(msg: NatsMessage) -> NatsMessage:
    """The decoder whose "body" is the delivery itself (see `NatsConsumer._bind`)."""
    return msg


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


class NatsConsumer(Consumer, Replayer):
    def __init__(
        self,
        processor: InboxProcessor,
        commands: CommandProcessor,
        dead_letters: DeadLetters,
        metrics: MessageMetrics,
        settings: ConsumerSettings,
        reads: ReadScope,
    ) -> None:
        self._processor = processor
        self._commands = commands
        self._dead_letters = dead_letters
        self._metrics = metrics
        self._settings = settings
        self._reads = reads
        self._stream = JStream(name=settings.stream, declare=False)
        self.routes: dict[str, Mapping[str, Handle]] = {}  # by durable name, for replays

    def subscribe(
        self, router: NatsRouter, subject: str, durable: str, routes: Mapping[str, Route]
    ) -> None:
        handles = {name: self._event(route) for name, route in routes.items()}
        self._bind(router, subject, durable, handles)

    def execute(
        self,
        router: NatsRouter,
        subject: str,
        durable: str,
        routes: Mapping[str, CommandRoute],
        replies: Mapping[type[msgspec.Struct], str],
    ) -> None:
        handles = {name: self._command(route, replies) for name, route in routes.items()}
        self._bind(router, subject, durable, handles)

    def _event(self, route: Route) -> Handle:
        async def handle(envelope: Envelope, first: bool) -> bool:
            return await self._processor.process(envelope, route, first=first)

        return handle

    def _command(self, route: CommandRoute, replies: Mapping[type[msgspec.Struct], str]) -> Handle:
        async def handle(envelope: Envelope, first: bool) -> bool:
            return await self._commands.process(envelope, route, replies, first=first)

        return handle

    def _bind(
        self, router: NatsRouter, subject: str, durable: str, routes: Mapping[str, Handle]
    ) -> None:
        s = self._settings
        config = ConsumerConfig(
            durable_name=durable,
            deliver_policy=DeliverPolicy.ALL,
            ack_wait=s.ack_wait_seconds,
            max_deliver=-1,  # bounded by `deliver` below, which parks instead of dropping
            filter_subject=subject,
        )

        # The delivery comes to the handler as its body (`_itself`), not as a `NatsMessage`
        # parameter: faststream resolves such a parameter (a Context) per message through a
        # worker thread and a task group.
        async def handle(msg: Any) -> None:
            await self.deliver(durable, routes, msg)

        self.routes[durable] = routes
        router.subscriber(
            subject,
            stream=self._stream,
            durable=durable,
            config=config,
            pull_sub=PullSub(batch_size=s.batch_size, timeout=s.fetch_timeout_seconds),
            ack_policy=AckPolicy.MANUAL,
            decoder=_itself,
            title=durable,
        )(handle)

    async def deliver(self, durable: str, routes: Mapping[str, Handle], msg: NatsMessage) -> None:
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
            await self._park(durable, envelope, "no outcome after repeated deliveries", msg)
            return
        started = time.perf_counter()
        with consumer_span(
            envelope.name, envelope.id, envelope.subject, envelope.extra_headers
        ) as span:
            try:
                await route(envelope, deliveries == 1)
            except Exception as error:
                span.record_exception(error)
                self._metrics.received(envelope.name, False, time.perf_counter() - started)
                if deliveries >= self._settings.max_deliver:
                    await self._park(durable, envelope, describe(error), msg)
                else:
                    log.warning(
                        "%s: %s failed (delivery %d): %s", durable, envelope.name, deliveries, error
                    )
                    await msg.nack(delay=self._settings.retry_delay(deliveries))
                return
        self._metrics.received(envelope.name, True, time.perf_counter() - started)
        await msg.ack()

    async def _park(self, durable: str, envelope: Envelope, error: str, msg: NatsMessage) -> None:
        deliveries = msg.raw_message.metadata.num_delivered or 1
        log.error(
            "%s: parking %s %s after %d deliveries: %s",
            durable,
            envelope.name,
            envelope.id,
            deliveries,
            error,
        )
        await self._dead_letters.park(durable, envelope, error, deliveries)
        self._metrics.parked(envelope.name)
        await msg.ack()

    async def replay(self, letter: DeadLetter) -> bool:
        """Run a parked message through its consumer's route again (inbox and all)."""
        routes = self.routes.get(letter.consumer)
        if routes is None:
            return False
        route = routes.get(letter.envelope.name)
        if route is not None:
            await route(letter.envelope, False)
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
        answer(
            router,
            subject,
            queue,
            request,
            handler,
            replies,
            reads=self._reads,
            metrics=self._metrics,
        )
