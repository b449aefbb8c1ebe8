"""Synchronous (request/reply) Pact interactions of the look-ups between modules.

`expect_reply` writes one (the query a consumer sends, the reply it expects, the provider
state the reply needs); `interaction_requesters` answers the consumer's real look-up code
with each interaction of a pact, after checking the query is the interaction's request.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import msgspec
from pact import Pact

from mall_adapters.messaging.binding import Requester


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
