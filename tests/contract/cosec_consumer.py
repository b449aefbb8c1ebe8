"""The cosec side of the messages it consumes, for its consumer pacts.

Each example message goes the way a JetStream delivery goes: through the routes the generated
binding builds (`build_cosec_router`), picked by subject and name, with the pact's other
metadata as the NATS headers, into the real `CosecPolicies` over an in-memory saga store. A
reply's example headers name the command a real saga is waiting for (`SagaDriver`), so the
tests can check that the reply moved the saga: `SagaReply` is one row of a participant's
reply table, `check_reply` the test of one row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pact import Pact, match

from mall.cosec.domain.create_order import SAGA_NAME
from mall.kernel.saga.state import Outcome, SagaStatus
from mall_adapters.messaging.generated.cosec import build_cosec_router
from mall_adapters.reliability.envelope import (
    FAILURE,
    HEADER_COMMAND_ID,
    HEADER_OUTCOME,
    HEADER_SAGA_ID,
    HEADER_SAGA_NAME,
    SUCCESS,
    Envelope,
)
from mall_contracts.common import messages as common
from mall_contracts.cosec.subjects import CREATE_ORDER_REPLIES
from tests.support.contract_consumer import RecordingConsumer
from tests.support.contract_pacts import PactRecorder
from tests.support.cosec_saga import SagaDriver


@dataclass
class CosecConsumer:
    saga: SagaDriver
    consumer: RecordingConsumer

    @classmethod
    def build(cls) -> CosecConsumer:
        saga, consumer = SagaDriver.build(), RecordingConsumer()
        build_cosec_router(saga.core.handlers, consumer)
        return cls(saga, consumer)

    def receive(self, body: str | bytes | None, metadata: dict[str, object]) -> None:
        self.consumer.deliver(body, metadata)

    def sent_after(self, command: Envelope) -> list[str]:
        """The names of the commands the saga sent after `command`."""
        names = self.saga.names()
        return names[names.index(command.name) + 1 :]

    def outcome_of(self, command: Envelope) -> str | None:
        """How the saga recorded the step of `command`: success, failure, or None (open)."""
        history = self.saga.state().history
        return next(entry.outcome for entry in history if entry.command_id == command.id)


def nothing_more(cosec: CosecConsumer) -> None:
    """A reply whose effect its row says in full."""


@dataclass(frozen=True)
class SagaReply:
    """One interaction of `pacts/cosec-<participant>.json`, the participant's reply to the
    command a saga waits for (given the participant's provider state), and where the reply
    takes the saga: the commands it sends next, its status, whether it compensates and
    why (`error`); `also` checks anything more the reply leaves in the saga."""

    intent: str  # the test's id
    description: str
    answering: str  # the command the saga waits for
    name: str  # the reply's message name: an `am.Failure` answers a failed step
    body: dict[str, Any]
    given: tuple[str, Mapping[str, object]]  # the provider state and its parameters
    sends: list[str]
    status: SagaStatus = SagaStatus.RUNNING
    compensating: bool = False
    error: str = ""
    also: Callable[[CosecConsumer], None] = field(default=nothing_more)

    @property
    def outcome(self) -> str:
        """The reply's outcome header."""
        return FAILURE if self.name == common.FAILURE else SUCCESS

    def expect(self, pact: Pact, answering: Envelope) -> Pact:
        """The reply to `answering` (the command the saga sent, waiting for the reply).

        The headers the saga relies on are part of the contract: which command the reply
        answers (any id: the example is the one the saga waits for), the outcome, and the
        saga it goes to (the saga name must be the create-order saga's, or the reply is
        dropped)."""
        state, params = self.given
        (
            pact.upon_receiving(self.description, "Async")
            .given(state, **params)
            .with_body(self.body, content_type="application/json")
            .with_metadata(
                {
                    "subject": CREATE_ORDER_REPLIES,
                    "name": self.name,
                    "contentType": "application/json",
                    HEADER_COMMAND_ID: match.str(answering.id),
                    HEADER_OUTCOME: self.outcome,
                    HEADER_SAGA_ID: match.str(answering.extra_headers[HEADER_SAGA_ID]),
                    HEADER_SAGA_NAME: SAGA_NAME,
                }
            )
        )
        return pact


def check_reply(reply: SagaReply, recorder: PactRecorder) -> None:
    """The test of one reply: a new saga sends the command `reply` answers; the reply's
    example, delivered with its headers, settles that step (success or failure, by the
    reply) and takes the saga where the row says. The verified pact is recorded."""
    cosec = CosecConsumer.build()
    command = cosec.saga.waiting_for(reply.answering)
    pact = reply.expect(recorder.new_pact(), command)
    pact.verify(cosec.receive, "Async")
    assert cosec.outcome_of(command) == Outcome[reply.outcome].value
    assert cosec.sent_after(command) == reply.sends
    saga = cosec.saga.state()
    assert (saga.status, saga.compensating, saga.error) == (
        reply.status,
        reply.compensating,
        reply.error,
    )
    reply.also(cosec)
    recorder.record(pact)
