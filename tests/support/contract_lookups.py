"""Synchronous (request/reply) Pact interactions of the look-ups between modules.

`expect_reply` writes one (the query a consumer sends, the reply it expects, the provider
state the reply needs); `interaction_requesters` answers the consumer's real look-up code
with each interaction of a pact, after checking the query is the interaction's request, and
`ask_each` runs that code once per interaction.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Mapping
from typing import Any, TypeVar

import msgspec
from pact import Pact

from mall.kernel.errors import NotFoundError
from mall_adapters.messaging.binding import Requester
from tests.support.contract_pacts import run_sync

T = TypeVar("T")


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
    requester does. `asked` keeps the queries it was sent (subject, name, body)."""

    def __init__(self, request: Any, response: Any) -> None:
        self._request = request
        self._response = response
        self.asked: list[tuple[str, str, Any]] = []

    async def request(
        self,
        subject: str,
        name: str,
        query: msgspec.Struct,
        replies: Mapping[str, type[msgspec.Struct]],
    ) -> msgspec.Struct:
        self.asked.append((subject, name, msgspec.to_builtins(query)))
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


def ask_each(pact: Pact, ask: Callable[[Requester], Awaitable[T]]) -> list[T | NotFoundError]:
    """Run the consumer's look-up code (`ask`, given the requester its generated requests go
    through) once per synchronous interaction of `pact`, answered by it: the results, or the
    `NotFoundError` raised."""
    results: list[T | NotFoundError] = []
    for requester in interaction_requesters(pact):
        try:
            results.append(run_sync(ask(requester)))
        except NotFoundError as error:
            results.append(error)
    return results


def _metadata(contents: Any) -> dict[str, object]:
    return {pair.key: pair.value for pair in contents.metadata}
