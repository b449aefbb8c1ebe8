"""`RecordingConsumer`: keeps the routes a generated binding binds, by subject, so a consumer
Pact test can deliver each example message to the real handler the way JetStream would."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import TypeVar

import msgspec
from faststream.nats import NatsRouter

from mall_adapters.messaging.binding import CommandRoute, Consumer, Route
from mall_adapters.reliability.envelope import Envelope
from tests.support.contract_pacts import run_sync

Q = TypeVar("Q", bound=msgspec.Struct)
R = TypeVar("R", bound=msgspec.Struct)


class RecordingConsumer(Consumer):
    def __init__(self) -> None:
        self.routes: dict[str, dict[str, Route]] = {}
        self.commands: dict[str, dict[str, CommandRoute]] = {}
        self.replies: dict[str, Mapping[type[msgspec.Struct], str]] = {}
        self.answered: list[str] = []

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
        self.answered.append(subject)

    def deliver(
        self, body: str | bytes | None, metadata: Mapping[str, object]
    ) -> tuple[str, msgspec.Struct] | None:
        """One delivery of a pact's example message: the route for its subject and name runs
        on the body. A command returns its reply with the reply's wire name."""
        subject, name = str(metadata["subject"]), str(metadata["name"])
        data = body.encode() if isinstance(body, str) else body or b""
        envelope = Envelope("pact", name, subject, data, datetime.now(UTC))
        if subject in self.commands:
            reply = run_sync(self.commands[subject][name](envelope))
            return self.replies[subject].get(type(reply), ""), reply
        run_sync(self.routes[subject][name](envelope))
        return None
