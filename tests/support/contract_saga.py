"""Message pacts of the create-order saga: messages in their wire form (body plus subject,
name and NATS headers as the pact's metadata), the commands a saga participant answers (the
consumer side: a table of `CommandCase`s, each checked by `check_command`), and
`SagaParticipant`, the provider side of a participant's reply pact.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import attrgetter
from typing import Any, Generic, Protocol, TypeVar

import msgspec
import pytest
from pact import Pact, Verifier, match
from pact.types import Message

from mall.cosec.domain.create_order import SAGA_NAME
from mall_adapters.memory.messaging import SentMessage
from mall_adapters.messaging.binding import Consumer
from mall_adapters.reliability.envelope import (
    FAILURE,
    HEADER_COMMAND_ID,
    HEADER_ID,
    HEADER_OUTCOME,
    HEADER_REPLY_TO,
    HEADER_SAGA_ID,
    HEADER_SAGA_NAME,
    SUCCESS,
    Envelope,
    command_headers,
)
from mall_contracts.common import messages as common
from mall_contracts.common.messages import CommandOrigin
from mall_contracts.cosec.subjects import CREATE_ORDER_REPLIES
from tests.support.contract_consumer import RecordingConsumer, delivered
from tests.support.contract_pacts import PactRecorder, run_sync
from tests.support.contract_source import add_pact_source
from tests.support.contract_verifier import run_verifier

C = TypeVar("C")
Params = dict[str, Any]

JSON = "application/json"
COMMAND_ID, SAGA_ID = "command-id", "order-id"
"""The example ids of a participant's command pact (`ExpectedCommand`)."""


def wire_message(envelope: Envelope) -> Message:
    """What the verifier checks: the body, and the subject, name and headers as metadata."""
    metadata = {"subject": envelope.subject, "name": envelope.name, **envelope.headers()}
    return Message(contents=envelope.data, metadata=metadata, content_type=JSON)


def sent_message(sent: SentMessage) -> Message:
    """An event a core sent to its (recording) sink, encoded as it goes on the wire."""
    metadata = {"subject": sent.subject, "name": sent.name}
    return Message(contents=msgspec.json.encode(sent.message), metadata=metadata, content_type=JSON)


def saga_command(
    subject: str,
    name: str,
    message: msgspec.Struct,
    *,
    command_id: str = COMMAND_ID,
    saga_id: str = SAGA_ID,
) -> Envelope:
    """A command as the create-order saga sends it: its id is the command id, its headers
    say where the reply goes and which saga waits for it."""
    origin = CommandOrigin(
        command_id=command_id, reply_to=CREATE_ORDER_REPLIES, saga_id=saga_id, saga_name=SAGA_NAME
    )
    return Envelope(
        id=command_id,
        name=name,
        subject=subject,
        data=msgspec.json.encode(message),
        occurred_at=datetime.now(UTC),
        extra_headers=command_headers(origin),
    )


@dataclass(frozen=True)
class ExpectedCommand:
    """A saga command as a participant's pact pins it: sent in `scenario` (a provider state
    of cosec: the saga's situation, `tests.support.cosec_saga.SCENARIOS`) on `subject`, named
    `name`, with `body`."""

    scenario: str
    subject: str
    name: str
    body: dict[str, Any]

    def expect(self, pact: Pact, description: str) -> Pact:
        """The command as the participant receives it. Its headers are part of the contract,
        since the participant answers by them: the command's id (echoed as the reply's
        command id) and the saga's id, any value of their type; the reply subject and the
        saga name exactly, since the reply must reach the create-order saga."""
        (
            pact.upon_receiving(description, "Async")
            .given(self.scenario)
            .with_body(self.body, content_type=JSON)
            .with_metadata(
                {
                    "subject": self.subject,
                    "name": self.name,
                    "contentType": JSON,
                    HEADER_ID: match.str(COMMAND_ID),
                    HEADER_REPLY_TO: CREATE_ORDER_REPLIES,
                    HEADER_SAGA_ID: match.str(SAGA_ID),
                    HEADER_SAGA_NAME: SAGA_NAME,
                }
            )
        )
        return pact


@dataclass
class SagaCommands:
    """A participant's command consumer as a pact's message handler: each example command
    goes through the participant's command route and the real command processor
    (`RecordingConsumer.process`), and the reply the processor wrote is kept."""

    consumer: RecordingConsumer
    replies: list[Envelope] = field(default_factory=list)

    def receive(self, body: str | bytes | None, metadata: dict[str, object]) -> None:
        reply = self.consumer.process(delivered(body, metadata))
        assert reply is not None, "the command was not answered"
        self.replies.append(reply)

    def reply(self) -> Envelope:
        """The one reply written (each test delivers one command)."""
        [reply] = self.replies
        return reply


@dataclass(frozen=True)
class Answer:
    """The reply a participant writes for the saga: its name, outcome and body."""

    name: str
    outcome: str
    body: dict[str, Any]


SUCCEEDED = Answer(common.SUCCESS, SUCCESS, {})


def refused(message: str) -> Answer:
    """`am.Failure` with the participant's text: a rule refused the command."""
    return Answer(common.FAILURE, FAILURE, {"message": message})


def assert_answered(reply: Envelope, answer: Answer) -> None:
    """`reply` answers the example command of `ExpectedCommand`: on its reply subject,
    naming the command, the outcome and the saga it goes back to, with the answer's body."""
    assert (reply.subject, reply.name) == (CREATE_ORDER_REPLIES, answer.name)
    replied = {
        key: reply.extra_headers.get(key)
        for key in (HEADER_COMMAND_ID, HEADER_OUTCOME, HEADER_SAGA_ID, HEADER_SAGA_NAME)
    }
    assert replied == {
        HEADER_COMMAND_ID: COMMAND_ID,
        HEADER_OUTCOME: answer.outcome,
        HEADER_SAGA_ID: SAGA_ID,
        HEADER_SAGA_NAME: SAGA_NAME,
    }
    assert msgspec.json.decode(reply.data) == answer.body


class Answering(Protocol):
    """A participant's consumer side: its command route behind `commands`."""

    @property
    def commands(self) -> SagaCommands: ...


P = TypeVar("P", bound=Answering)


def nothing_more(participant: object) -> None:
    """A row whose effect is its reply alone (the command is a check)."""


@dataclass(frozen=True)
class CommandCase(Generic[P]):
    """One interaction of a participant's command pact (`pacts/<participant>-cosec.json`):
    the participant as `given` sets it up, the command, what it does to the participant
    (`then` asserts it) and the participant's answer."""

    intent: str  # the test's id
    description: str
    command: ExpectedCommand
    answer: Answer
    given: Callable[[P], object]
    then: Callable[[P], object] = nothing_more


def check_command(case: CommandCase[P], participant: P, recorder: PactRecorder) -> None:
    """The test of one command: the example command, delivered with its headers through the
    participant's command route and the real command processor, does what the row says and
    is answered as it says. The verified pact is recorded."""
    case.given(participant)
    pact = case.command.expect(recorder.new_pact(), case.description)
    pact.verify(participant.commands.receive, "Async")
    case.then(participant)
    assert_answered(participant.commands.reply(), case.answer)
    recorder.record(pact)


State = Callable[[C, Params], Awaitable[None]]
"""Sets a provider state up in a fresh core, from the state's parameters."""

Command = Callable[[Params], Envelope]
"""The command an interaction's reply answers, from the provider state's parameters."""

Event = Callable[[C, Params], Awaitable[Message]]
"""Produces an event from the core (for a pact holding events beside the replies)."""


@dataclass
class SagaParticipant(Generic[C]):
    """The provider side of `pacts/cosec-<participant>.json` (`verify` is given the file,
    named in the provider module so the check that every pact is verified finds it).

    Each interaction gets a fresh core (`build`) with its command routes bound by the
    generated binding (`router`, given the core's `handlers`). Its provider state is set up
    in the core, then the command its reply answers goes through the real
    `CommandProcessor`; the reply it writes to the outbox, with its reply headers, is the
    message the verifier checks.
    """

    provider: str
    build: Callable[[], C]
    router: Callable[[Any, Consumer], object]
    states: Mapping[str, State[C]]
    replies: Mapping[str, Command]
    handlers: Callable[[C], object] = attrgetter("handlers")
    events: Mapping[str, Event[C]] = field(default_factory=dict)
    _bench: tuple[C, RecordingConsumer] | None = field(default=None, init=False)
    _params: Params = field(default_factory=dict, init=False)  # of the interaction's states

    def verify(self, pact_file: str) -> None:
        # Typed as the verifier's parameter (a dict is invariant in its values).
        messages: dict[str, Callable[..., Message] | Message | bytes]
        messages = {d: self._reply(c) for d, c in self.replies.items()}
        messages |= {d: self._event(e) for d, e in self.events.items()}

        def build() -> Verifier:
            verifier = (
                Verifier(self.provider)
                .set_coloured_output(enabled=False)
                .message_handler(messages)
                .state_handler(self._state, teardown=True)
            )
            add_pact_source(verifier, pact_file)
            return verifier

        verifier, held = run_verifier(build)
        if not held:
            # str(): the FFI returns a str subclass that pytest cannot render.
            pytest.fail(str(verifier.output(strip_ansi=True)), pytrace=False)

    def _state(self, state: str, action: str, parameters: Params | None) -> None:
        if action == "teardown":
            self._bench, self._params = None, {}
            return
        if not state:  # the verifier's generic set-up, before every interaction
            return
        params = parameters or {}
        self._params |= params
        run_sync(self.states[state](self._core()[0], params))

    def _core(self) -> tuple[C, RecordingConsumer]:
        if self._bench is None:
            core, consumer = self.build(), RecordingConsumer()
            self.router(self.handlers(core), consumer)
            self._bench = (core, consumer)
        return self._bench

    def _reply(self, command: Command) -> Callable[[], Message]:
        def produce() -> Message:
            reply = self._core()[1].process(command(self._params))
            assert reply is not None, "the command was not answered"
            return wire_message(reply)

        return produce

    def _event(self, event: Event[C]) -> Callable[[], Message]:
        def produce() -> Message:
            return run_sync(event(self._core()[0], self._params))

        return produce
