"""Provider verification of message pacts, from a module's real core (in-memory adapters).

For each interaction the verifier first sets up the interaction's provider states, then asks
for the message by its description:

- an asynchronous message (an event): the scenario registered under the description runs
  the provider's use cases on the core; the message the core sent last is the answer.
- a synchronous message (a query): the verifier hands over the pact's request; it goes to
  the query handler the generated binding binds to the request's subject, as a NATS request
  would, and the reply (named by the binding) is the answer.

Every message is encoded as it goes on the wire (the JSON of the contract Struct) with its
subject and wire name as metadata. Each interaction starts from a fresh core.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

import msgspec
import pytest
from pact import Verifier
from pact.types import Message

from mall_adapters.bootstrap.infrastructure import Infrastructure
from mall_adapters.memory.messaging import RecordingSink
from mall_adapters.messaging.binding import Consumer
from tests.support.contract_consumer import RecordingConsumer
from tests.support.contract_pacts import run_sync
from tests.support.contract_source import add_pact_source
from tests.support.contract_verifier import run_verifier
from tests.support.cores import memory_infrastructure
from tests.support.ids import ChosenIds

Params = dict[str, Any]


class ProducingCore(Protocol):
    @property
    def sink(self) -> RecordingSink:
        """Where the core's outgoing messages land."""
        ...


C = TypeVar("C", bound=ProducingCore)

Scenario = Callable[[C], Awaitable[None]]
"""Runs use cases on the core; the last message the core sends is the one verified."""

State = Callable[[C, Params], Awaitable[None]]
"""Sets a provider state up in the core, from the state's parameters."""

Binding = Callable[[C, Consumer], object]
"""Binds the core's query handlers as the production router does (`build_<module>_router`)."""

K = TypeVar("K", bound=ProducingCore)


class ChosenIdsCore(Generic[K]):
    """A provider's core whose next ids a provider state may choose (`ids.choose`): a
    look-up's pact names the id it asks for, and the state makes that entity under it
    through the real use case."""

    def __init__(self, build_core: Callable[[Infrastructure], K]) -> None:
        self.ids = ChosenIds()
        self.core = build_core(memory_infrastructure(self.ids))

    @property
    def sink(self) -> RecordingSink:
        return self.core.sink


@dataclass
class MessageProvider(Generic[C]):
    """One provider module: its core, the scenarios producing its events (by interaction
    description), the provider states it knows, and its query handlers' binding."""

    name: str
    build: Callable[[], C]
    events: Mapping[str, Scenario[C]] = field(default_factory=dict)
    states: Mapping[str, State[C]] = field(default_factory=dict)
    answers: Binding[C] | None = None
    _core: C | None = field(default=None, init=False, repr=False)
    _broken: str = field(default="", init=False, repr=False)
    _errors: list[str] = field(default_factory=list, init=False, repr=False)

    def verify(self, pact_file: str, *, committed: bool = False) -> None:
        """Verify the pact `pacts/<pact_file>` (from its source, `add_pact_source`: `committed`
        for a deliberately broken provider) against the core; fails the test with the
        verifier's report."""

        def build() -> Verifier:
            self._errors.clear()
            verifier = (
                Verifier(self.name)
                .set_coloured_output(enabled=False)
                .message_handler(self._produce)
                .state_handler(self._set_up, teardown=True)
            )
            add_pact_source(verifier, pact_file, committed=committed)
            return verifier

        verifier, held = run_verifier(build)
        if not held:
            # str(): the FFI returns a str subclass that pytest cannot render.
            report = [str(verifier.output(strip_ansi=True)), *self._errors]
            pytest.fail("\n".join(report), pytrace=False)

    def _set_up(self, state: str, action: str, parameters: Params | None) -> None:
        """A provider state, set up in the interaction's core; any teardown drops the core."""
        if action == "teardown":
            self._core, self._broken = None, ""
            return
        if not state:  # the generic set-up of an interaction without states
            return
        try:
            if state not in self.states:
                raise ValueError(f"{self.name} knows no provider state {state!r}")
            run_sync(self.states[state](self._current(), parameters or {}))
        except Exception as error:
            # Reported by the message request: a failed state change would be retried by
            # the verifier for minutes before the interaction fails.
            self._broken = f"provider state {state!r} failed: {type(error).__name__}: {error}"

    def _current(self) -> C:
        """The core of the interaction being verified (created by its first state)."""
        if self._core is None:
            self._core = self.build()
        return self._core

    def _produce(self, name: str, metadata: Params | None) -> Message:
        """The message of the interaction `name`; an error is kept for the test's report
        (the verifier only says the message request failed)."""
        try:
            return self._message(name, metadata or {})
        except Exception as error:
            self._errors.append(f"{name}: {type(error).__name__}: {error}")
            raise

    def _message(self, name: str, metadata: Params) -> Message:
        core, broken = self._current(), self._broken
        self._core, self._broken = None, ""  # the next interaction starts afresh
        if broken:
            raise RuntimeError(broken)
        request = metadata.get("request")
        if request is not None:
            return self._answer(core, request)
        if name not in self.events:
            raise ValueError(f"{self.name} has no scenario for {name!r}")
        run_sync(self.events[name](core))
        sent = core.sink.sent[-1]
        return _message(sent.message, {"subject": sent.subject, "name": sent.name})

    def _answer(self, core: C, request: Params) -> Message:
        """A synchronous interaction: its request, answered by the bound query handler."""
        if self.answers is None:
            raise ValueError(f"{self.name} answers no queries")
        consumer = RecordingConsumer()
        self.answers(core, consumer)
        subject = str(request["metadata"]["subject"])
        reply_name, reply = consumer.ask(_body(request["contents"]), subject)
        return _message(reply, {"name": reply_name})


def _body(contents: Params) -> bytes:
    """A pact body as the verifier hands it over: JSON inline, or encoded text."""
    content = contents.get("content")
    encoded = contents.get("encoded")
    if not encoded:
        return json.dumps(content).encode()
    if encoded == "base64":
        return base64.b64decode(str(content))
    return str(content).encode()


def _message(message: msgspec.Struct, metadata: dict[str, str]) -> Message:
    return Message(
        contents=msgspec.json.encode(message),
        metadata=metadata,
        content_type="application/json",
    )
