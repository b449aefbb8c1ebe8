"""Building HTTP pact interactions for the UI clients' consumer tests: a `Request` (what the
UI sends, given a provider state) answered with a status and a body.

Requests send `Accept: application/json` and, with a body, JSON. Values the provider makes
(ids, a search cursor) are written with `from_state`/`path_from_state`: the consumer test
gets the example, the provider verification gets what the provider state made.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from pact import Pact, generate, match
from pact.interaction import HttpInteraction
from pact.match.matcher import AbstractMatcher, GenericMatcher

JSON = "application/json"
Body = dict[str, Any] | AbstractMatcher[Any]
Matchable = str | AbstractMatcher[Any]


@contextmanager
def mock_provider(pact: Pact) -> Iterator[str]:
    """Pact's mock server for `pact` until the block ends; yields its base URL. The block
    fails if a request was not the one expected."""
    with pact.serve(addr="127.0.0.1") as server:
        yield str(server.url)


def from_state(name: str, example: str) -> AbstractMatcher[str]:
    """A string the provider state makes, answered to the verifier under `name`."""
    return match.type(example, generator=generate.provider_state(f"${{{name}}}"))


def path_from_state(template: str, **examples: str) -> AbstractMatcher[str]:
    """A path with `{name}` parts the provider state makes, e.g.
    `path_from_state("/api/ordering/{orderId}", orderId="order-id")`: the consumer test
    sends any value there, the verifier sends the provider state's."""
    pieces = re.split(r"\{(\w+)\}", template)
    parts = "".join(re.escape(p) if i % 2 == 0 else "[^/]+" for i, p in enumerate(pieces))
    expression = "".join(p if i % 2 == 0 else f"${{{p}}}" for i, p in enumerate(pieces))
    return GenericMatcher(
        "regex",
        template.format(**examples),
        regex=f"^{parts}$",
        generator=generate.provider_state(expression),
    )


@dataclass(frozen=True)
class Request:
    """What the UI sends in one interaction of its pact (`description`), given the provider
    state `given` (its name and parameters)."""

    description: str
    method: str
    path: Matchable
    body: Body | None = None
    headers: Mapping[str, Matchable] | None = None
    query: Mapping[str, Matchable] | None = None
    given: tuple[str, dict[str, str]] | None = None

    def answered(self, pact: Pact, status: int, body: Body) -> Pact:
        """The interaction: this request, answered with `status` and `body`."""
        interaction = pact.upon_receiving(self.description)
        if self.given is not None:
            state, params = self.given
            interaction.given(state, **params)
        request(interaction, self.method, self.path, self.body, self.headers)
        for name, value in (self.query or {}).items():
            interaction.with_query_parameter(name, value)
        respond(interaction, status, body)
        return pact


def request(
    interaction: HttpInteraction,
    method: str,
    path: Matchable,
    body: Body | None = None,
    headers: Mapping[str, Matchable] | None = None,
) -> HttpInteraction:
    interaction.with_request(method, path).with_header("Accept", JSON)
    for name, value in (headers or {}).items():
        interaction.with_header(name, value)
    if body is not None:
        interaction.with_body(body, content_type=JSON)
    return interaction


def respond(interaction: HttpInteraction, status: int, body: Body) -> HttpInteraction:
    return (
        interaction.will_respond_with(status)
        .with_header("Content-Type", JSON)
        .with_body(body, content_type=JSON)
    )


def error_body(message: str, *, exact: bool = False) -> dict[str, AbstractMatcher[str]]:
    """The error body's `message` (what the UIs show): any text, or with `exact` this text
    (a refusal whose words are the reference's, which clients may rely on)."""
    text = match.regex(message, regex=f"^{re.escape(message)}$") if exact else match.str(message)
    return {"message": text}


def one_of(example: str, *values: str) -> AbstractMatcher[str]:
    """A string from a fixed vocabulary (a status)."""
    return match.regex(example, regex=f"^(?:{'|'.join(re.escape(v) for v in values)})$")


def non_empty(example: str) -> AbstractMatcher[str]:
    """Any text but the empty one (an id that is set)."""
    return match.regex(example, regex=r"^.+$")


def one_or_more(example: Any, *, at_most: int | None = None) -> AbstractMatcher[Any]:
    """An array of at least one element like `example` (`match.each_like` alone also
    accepts an empty array)."""
    return match.each_like(example, min=1, max=at_most)
