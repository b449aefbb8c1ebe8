"""What generated bindings call: the outbox sink, the requester and the consumer ports.

Generated code (`messaging/generated/`) states the facts of the specs (subjects, durable
names, which message goes to which handler); these ports do the mechanics.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Protocol, TypeVar

import msgspec
from faststream.nats import NatsRouter

from mall_adapters.reliability.envelope import Envelope, reply_info
from mall_contracts.common.messages import CommandOrigin, ReplyInfo

M = TypeVar("M", bound=msgspec.Struct)
Q = TypeVar("Q", bound=msgspec.Struct)
R = TypeVar("R", bound=msgspec.Struct)

Route = Callable[[Envelope], Awaitable[None]]
"""Decodes one delivered message and runs its handler."""

CommandRoute = Callable[[Envelope], Awaitable[msgspec.Struct]]
"""Decodes one delivered command and runs its handler, which returns the reply."""


def route(payload: type[M], handler: Callable[[M], Awaitable[None]]) -> Route:
    decoder = msgspec.json.Decoder(payload)

    async def run(envelope: Envelope) -> None:
        await handler(decoder.decode(envelope.data))

    return run


def reply(payload: type[M], handler: Callable[[M, ReplyInfo], Awaitable[None]]) -> Route:
    """A saga reply: the handler gets the payload and the reply headers (which command it
    answers, the outcome, the saga)."""
    decoder = msgspec.json.Decoder(payload)

    async def run(envelope: Envelope) -> None:
        await handler(decoder.decode(envelope.data), reply_info(envelope))

    return run


def command(payload: type[M], handler: Callable[[M], Awaitable[R]]) -> CommandRoute:
    decoder = msgspec.json.Decoder(payload)

    async def run(envelope: Envelope) -> msgspec.Struct:
        return await handler(decoder.decode(envelope.data))

    return run


class MessageSink(Protocol):
    """Accepts an outgoing message. The production sink writes it to the module's outbox in
    the current transaction; it reaches NATS once the transaction committed."""

    async def send(self, subject: str, name: str, message: msgspec.Struct) -> None: ...

    async def command(
        self, subject: str, name: str, message: msgspec.Struct, origin: CommandOrigin
    ) -> None:
        """A command: its message id is `origin.command_id`, and its headers say where the
        reply goes and which saga sent it."""


class Requester(Protocol):
    """Sends a query and decodes the reply by its message name.

    Raises `UnavailableError` when nobody answers in time or the reply is not one of
    `replies`."""

    async def request(
        self,
        subject: str,
        name: str,
        query: msgspec.Struct,
        replies: Mapping[str, type[msgspec.Struct]],
    ) -> msgspec.Struct: ...


class Consumer(Protocol):
    """Binds handlers to NATS subjects on a router."""

    def subscribe(
        self, router: NatsRouter, subject: str, durable: str, routes: Mapping[str, Route]
    ) -> None:
        """A durable JetStream consumer; each delivery runs its route in a unit of work with
        the inbox. Message names without a route are acknowledged and skipped."""

    def execute(
        self,
        router: NatsRouter,
        subject: str,
        durable: str,
        routes: Mapping[str, CommandRoute],
        replies: Mapping[type[msgspec.Struct], str],
    ) -> None:
        """A durable JetStream consumer of commands: the handler's effect, the inbox row and
        the reply (named from `replies`) commit together; a `DomainError` breaking a rule
        is answered with `am.Failure`."""

    def answer(
        self,
        router: NatsRouter,
        subject: str,
        queue: str,
        request: type[Q],
        handler: Callable[[Q], Awaitable[R]],
        replies: Mapping[type[msgspec.Struct], str],
    ) -> None:
        """A core NATS queue subscriber answering each request with the handler's result."""
