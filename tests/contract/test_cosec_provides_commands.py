"""Provider side of the pacts of the saga's participants (`pacts/<participant>-cosec.json`):
the create-order saga sends the commands they expect, with the command headers they answer
by.

Every command is produced by the real saga (cosec's core, in memory): it starts from an
OrderCreated and is answered step by step until it sends the command (compensations by a
failed step), which is checked as it went into cosec's outbox: body, subject, name and NATS
headers (`Nats-Msg-Id` is the command id; `Intellimall-Reply-To` and the saga's id and name).

An interaction's provider state is the saga's scenario (`SCENARIOS`): a command is the same
message whatever the participant then answers, so the interactions of one command share it.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from pact import Verifier
from pact.types import Message

from mall_adapters.reliability.envelope import HEADER_REPLY_TO, HEADER_SAGA_ID, HEADER_SAGA_NAME
from tests.support.contract_saga import Params, wire_message
from tests.support.contract_source import add_pact_source
from tests.support.contract_verifier import run_verifier
from tests.support.cosec_saga import SCENARIOS, SagaDriver

PACT_FILES = {
    "customers": "customers-cosec.json",
    "depot": "depot-cosec.json",
    "ordering": "ordering-cosec.json",
    "payments": "payments-cosec.json",
}
PARTICIPANTS = tuple(PACT_FILES)


class SagaCommandSource:
    """Sends each interaction's command from a new saga brought to the interaction's
    scenario; to see the verification fail, it leaves out the headers named in `dropping` and
    gives those in `changing` another value."""

    def __init__(
        self, dropping: frozenset[str] = frozenset(), changing: Mapping[str, str] | None = None
    ) -> None:
        self._dropping = dropping
        self._changing = dict(changing or {})
        self._command: str | None = None

    def state(self, state: str, action: str, parameters: Params | None) -> None:
        if action == "teardown":
            self._command = None
        elif state:
            self._command = SCENARIOS[state]

    def produce(self, name: str) -> Message:
        assert self._command is not None, f"{name!r} names no saga scenario"
        message = wire_message(SagaDriver.build().waiting_for(self._command))
        metadata = message["metadata"] or {}
        kept = {k: v for k, v in metadata.items() if k not in self._dropping}
        message["metadata"] = kept | self._changing
        return message

    def mismatches(self, participant: str) -> str | None:
        """The verifier's report when a command breaks `<participant>-cosec.json`, None when
        every interaction is satisfied."""
        # A command broken on purpose is checked against the committed pact only.
        broken = bool(self._dropping or self._changing)

        def build() -> Verifier:
            verifier = (
                Verifier("cosec")
                .set_coloured_output(enabled=False)
                .message_handler(self.produce)
                .state_handler(self.state, teardown=True)
            )
            add_pact_source(verifier, PACT_FILES[participant], committed=broken)
            return verifier

        verifier, held = run_verifier(build)
        # str(): the FFI returns a str subclass that pytest cannot render.
        return None if held else str(verifier.output(strip_ansi=True))


@pytest.mark.parametrize("participant", PARTICIPANTS)
def test_cosec_sends_the_commands_the_participant_expects(participant: str) -> None:
    report = SagaCommandSource().mismatches(participant)
    if report is not None:
        pytest.fail(report, pytrace=False)


@pytest.mark.parametrize("header", [HEADER_REPLY_TO, HEADER_SAGA_ID, HEADER_SAGA_NAME])
def test_a_command_without_a_command_header_breaks_the_pact(header: str) -> None:
    report = SagaCommandSource(dropping=frozenset({header})).mismatches("depot")
    assert report is not None
    assert header in report


@pytest.mark.parametrize("participant", PARTICIPANTS)
def test_a_command_answered_to_another_saga_breaks_the_pact(participant: str) -> None:
    """The reply subject and the saga name are pinned by value, not by type: a command whose
    reply would reach another saga is not the command the participant expects."""
    elsewhere = {HEADER_REPLY_TO: "intellimall.other.replies", HEADER_SAGA_NAME: "other.Saga"}
    report = SagaCommandSource(changing=elsewhere).mismatches(participant)
    assert report is not None
    assert HEADER_REPLY_TO in report
    assert HEADER_SAGA_NAME in report
