"""The cosec side of the messages it consumes, for its consumer pacts.

Each example message goes the way a JetStream delivery goes: through the routes the generated
binding builds (`build_cosec_router`), picked by subject and name, with the pact's other
metadata as the NATS headers, into the real `CosecPolicies` over an in-memory saga store. A
reply's example headers name the command a real saga is waiting for (`SagaDriver`), so the
tests can check that the reply moved the saga.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pact import Pact, match

from mall.cosec.domain.create_order import SAGA_NAME
from mall.kernel.saga.state import SagaStatus
from mall_adapters.messaging.generated.cosec import build_cosec_router
from mall_adapters.reliability.envelope import (
    HEADER_COMMAND_ID,
    HEADER_OUTCOME,
    HEADER_SAGA_ID,
    HEADER_SAGA_NAME,
    Envelope,
)
from mall_contracts.cosec.subjects import CREATE_ORDER_REPLIES
from tests.support.contract_consumer import RecordingConsumer
from tests.support.contract_pacts import PactRecorder
from tests.support.cosec_saga import SagaDriver

CONSUMER = "cosec"


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

    def status(self) -> SagaStatus:
        return self.saga.state().status


def cosec_pact(provider: str) -> Pact:
    return Pact(CONSUMER, provider).with_specification("V4")


def expect_reply(
    pact: Pact,
    description: str,
    name: str,
    body: dict[str, Any],
    *,
    answering: Envelope,
    outcome: str,
    state: str,
    **params: object,
) -> Pact:
    """A participant's reply to the command `answering`, in `state` (a provider state).

    The headers the saga relies on are part of the contract: which command the reply answers
    (any id: the example is the one the saga waits for), the outcome, and the saga it goes to
    (the saga name must be the create-order saga's, or the reply is dropped)."""
    (
        pact.upon_receiving(description, "Async")
        .given(state, **params)
        .with_body(body, content_type="application/json")
        .with_metadata(
            {
                "subject": CREATE_ORDER_REPLIES,
                "name": name,
                "contentType": "application/json",
                HEADER_COMMAND_ID: match.str(answering.id),
                HEADER_OUTCOME: outcome,
                HEADER_SAGA_ID: match.str(answering.extra_headers[HEADER_SAGA_ID]),
                HEADER_SAGA_NAME: SAGA_NAME,
            }
        )
    )
    return pact


def recorder_for(
    provider: str, descriptions: tuple[str, ...], factory: pytest.TempPathFactory
) -> Iterator[PactRecorder]:
    """A module's recorder: publishes `pacts/cosec-<provider>.json` at the end."""
    scratch: Path = factory.mktemp("pacts")
    recorder = PactRecorder(CONSUMER, provider, scratch, descriptions)
    yield recorder
    recorder.publish()
