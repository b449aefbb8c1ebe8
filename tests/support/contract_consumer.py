"""`RecordingConsumer`: keeps the routes a generated binding binds, by subject, so a consumer
Pact test can deliver each example message to the real handler the way JetStream would, and a
provider verification can run a command the way the module's command consumer does, or ask
the real query handlers the way a NATS request would. `expect_message` writes the example
message a consumer test delivers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import msgspec
from faststream.nats import NatsRouter
from pact import Pact
from prometheus_client import CollectorRegistry

from mall_adapters.memory.reliability import InMemoryInbox, InMemoryOutbox
from mall_adapters.memory.system import FixedClock, SequentialIds
from mall_adapters.memory.unit_of_work import InMemoryUnitOfWork
from mall_adapters.messaging.binding import CommandRoute, Consumer, Route
from mall_adapters.messaging.command_processor import CommandProcessor
from mall_adapters.messaging.sink import OutboxSink
from mall_adapters.observability.metrics import MessageMetrics
from mall_adapters.reliability.envelope import HEADER_ID, Envelope
from tests.support.contract_pacts import run_sync

Q = TypeVar("Q", bound=msgspec.Struct)
R = TypeVar("R", bound=msgspec.Struct)


Handler = Callable[[str | bytes | None, dict[str, object]], None]
"""What pact-python hands each example message to (`Pact.verify`): its body and metadata."""

Answer = Callable[[bytes], Awaitable[tuple[str, msgspec.Struct]]]
"""Decodes one query, runs its handler and returns the reply with its wire name."""


def answering(
    request: type[Q],
    handler: Callable[[Q], Awaitable[R]],
    replies: Mapping[type[msgspec.Struct], str],
) -> Answer:
    """What the NATS responder does with a query (`messaging.responder.answer`)."""
    decoder = msgspec.json.Decoder(request)

    async def run(body: bytes) -> tuple[str, msgspec.Struct]:
        result = await handler(decoder.decode(body))
        return replies[type(result)], result

    return run


class RecordingConsumer(Consumer):
    def __init__(self) -> None:
        self.routes: dict[str, dict[str, Route]] = {}
        self.commands: dict[str, dict[str, CommandRoute]] = {}
        self.replies: dict[str, Mapping[type[msgspec.Struct], str]] = {}
        self.answers: dict[str, Answer] = {}
        self.outbox = InMemoryOutbox("replies")  # the replies `process` writes
        sink = OutboxSink(
            self.outbox,
            FixedClock(),
            SequentialIds("reply"),
            MessageMetrics(CollectorRegistry(), "replies"),
        )
        self._processor = CommandProcessor(InMemoryInbox(), InMemoryUnitOfWork(), sink)

    def subscribe(
        self, router: NatsRouter, subject: str, durable: str, routes: Mapping[str, Route]
    ) -> None:
        self.routes[subject] = dict(routes)

    def execute(
        self,
        router: NatsRouter,
        subject: str,
        durable: str,
        routes: Mapping[str, CommandRoute],
        replies: Mapping[type[msgspec.Struct], str],
    ) -> None:
        self.commands[subject] = dict(routes)
        self.replies[subject] = replies

    def answer(
        self,
        router: NatsRouter,
        subject: str,
        queue: str,
        request: type[Q],
        handler: Callable[[Q], Awaitable[R]],
        replies: Mapping[type[msgspec.Struct], str],
    ) -> None:
        self.answers[subject] = answering(request, handler, replies)

    def deliver(self, body: str | bytes | None, metadata: Mapping[str, object]) -> None:
        """One delivery of a pact's example event: the route for its subject and name runs
        on the body (a command goes through `process`)."""
        envelope = delivered(body, metadata)
        run_sync(self.routes[envelope.subject][envelope.name](envelope))

    def process(self, command: Envelope) -> Envelope | None:
        """Run a command the way the module's JetStream command consumer does: its route,
        through the real `CommandProcessor` (in-memory inbox, unit of work and outbox), which
        answers a broken rule with `am.Failure`. Returns the reply as it went into the
        outbox, with its headers; None when nothing was written (a duplicate, or a command
        without `Intellimall-Reply-To`)."""
        before = len(self.outbox.rows)
        subject = command.subject
        run_sync(
            self._processor.process(
                command, self.commands[subject][command.name], self.replies[subject]
            )
        )
        written = [row.envelope for row in self.outbox.rows.values()]
        return written[-1] if len(written) > before else None

    def ask(self, body: bytes, subject: str) -> tuple[str, msgspec.Struct]:
        """One query on `subject`, answered by the bound query handler: the reply and its
        wire name."""
        return run_sync(self.answers[subject](body))


def expect_message(
    pact: Pact, description: str, subject: str, name: str, body: dict[str, Any]
) -> Pact:
    """An asynchronous message the consumer receives: `body` (JSON) on `subject`, named
    `name`."""
    (
        pact.upon_receiving(description, "Async")
        .with_body(body, content_type="application/json")
        .with_metadata({"subject": subject, "name": name, "contentType": "application/json"})
    )
    return pact


@dataclass(frozen=True)
class ExampleMessage:
    """An asynchronous message of a pact, for the consumers that receive the same one."""

    description: str
    subject: str
    name: str
    body: dict[str, Any]

    def expect(self, pact: Pact) -> Pact:
        return expect_message(pact, self.description, self.subject, self.name, self.body)


PACT_KEYS = frozenset({"subject", "name", "contentType"})
"""Metadata of a message pact that is not a NATS header."""


def delivered(body: str | bytes | None, metadata: Mapping[str, object]) -> Envelope:
    """A pact's example message as JetStream delivers it: its subject and name from the
    metadata, and every other metadata entry as a header (`Nats-Msg-Id` is its id)."""
    headers = {k: str(v) for k, v in metadata.items() if k not in PACT_KEYS}
    data = body.encode() if isinstance(body, str) else body or b""
    message_id = headers.pop(HEADER_ID, "pact")
    subject, name = str(metadata["subject"]), str(metadata["name"])
    return Envelope(message_id, name, subject, data, datetime.now(UTC), headers)
