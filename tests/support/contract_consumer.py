"""Consumer-side Pact helpers.

`RecordingConsumer` keeps the routes a generated binding binds, by subject, so a consumer
Pact test can deliver each example message to the real handler the way JetStream would (and a
provider verification can ask the real query handlers the way a NATS request would).
`expect_reply` writes a synchronous (request/reply) interaction, and `InteractionRequester`
answers the consumer's query with it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

import msgspec
from faststream.nats import NatsRouter
from pact import Pact

from mall_adapters.messaging.binding import CommandRoute, Consumer, Requester, Route
from mall_adapters.reliability.envelope import Envelope
from tests.support.contract_pacts import run_sync

Q = TypeVar("Q", bound=msgspec.Struct)
R = TypeVar("R", bound=msgspec.Struct)

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

    def ask(self, body: bytes, subject: str) -> tuple[str, msgspec.Struct]:
        """One query on `subject`, answered by the bound query handler: the reply and its
        wire name."""
        return run_sync(self.answers[subject](body))


def expect_reply(
    pact: Pact,
    description: str,
    query: tuple[str, str, dict[str, Any]],
    reply: tuple[str, dict[str, Any]],
    given: tuple[str, dict[str, Any]] | None = None,
) -> Pact:
    """A look-up: the query (subject, name, body) the consumer sends, and the reply (name,
    body) it expects; `given` is the provider state (name, parameters) the reply needs."""
    subject, name, body = query
    reply_name, reply_body = reply
    interaction = pact.upon_receiving(description, "Sync")
    if given is not None:
        interaction.given(given[0], given[1])
    (
        interaction.with_body(body, content_type="application/json")
        .with_metadata({"subject": subject, "name": name, "contentType": "application/json"})
        .will_respond_with()
        .with_body(reply_body, content_type="application/json")
        .with_metadata({"name": reply_name, "contentType": "application/json"})
    )
    return pact


class InteractionRequester(Requester):
    """Answers one query with a synchronous interaction's response, after checking that the
    query is the interaction's request; decodes the reply by its message name as the NATS
    requester does."""

    def __init__(self, request: Any, response: Any) -> None:
        self._request = request
        self._response = response

    async def request(
        self,
        subject: str,
        name: str,
        query: msgspec.Struct,
        replies: Mapping[str, type[msgspec.Struct]],
    ) -> msgspec.Struct:
        expected = _metadata(self._request)
        assert (subject, name) == (expected["subject"], expected["name"])
        assert msgspec.to_builtins(query) == msgspec.json.decode(str(self._request.contents))
        reply_name = str(_metadata(self._response)["name"])
        return msgspec.json.decode(str(self._response.contents), type=replies[reply_name])


def interaction_requesters(pact: Pact) -> Iterator[InteractionRequester]:
    """A requester for each synchronous interaction of `pact` (use each before the next: the
    interaction lives as long as pact-python's iterator)."""
    for interaction in pact.interactions("Sync"):
        (response,) = list(interaction.response_contents)
        yield InteractionRequester(interaction.request_contents, response)


def _metadata(contents: Any) -> dict[str, object]:
    return {pair.key: pair.value for pair in contents.metadata}
