"""The saga state machine: forward steps, compensation, timeouts, and replies it ignores."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from mall.kernel.saga import machine
from mall.kernel.saga.definition import SagaCommand, SagaDefinition, Step
from mall.kernel.saga.state import (
    Direction,
    HistoryEntry,
    Outcome,
    Outgoing,
    Pending,
    Reply,
    SagaState,
    SagaStatus,
    Transition,
)
from tests.support.order_saga import FORWARD, ORDER_SAGA, T0, TIMEOUT, Order, counter

SECOND = timedelta(seconds=1)


class Run:
    """Drives one saga through the machine, one second per input."""

    def __init__(self, definition: SagaDefinition[Order] = ORDER_SAGA) -> None:
        self.definition = definition
        self.new_id = counter()
        self.now = T0
        self.sent: list[Outgoing] = []
        self.last = machine.start(
            definition, "o1", Order("o1"), now=T0, new_id=self.new_id, timeout=TIMEOUT
        )
        self.sent.extend(self.last.send)

    @property
    def state(self) -> SagaState[Order]:
        return self.last.state

    @property
    def commands(self) -> list[str]:
        return [o.command.name for o in self.sent]

    def _apply(self, transition: Transition[Order]) -> Transition[Order]:
        if transition.changed:
            self.last = transition
            self.sent.extend(transition.send)
        return transition

    def reply(
        self,
        outcome: Outcome = Outcome.SUCCESS,
        *,
        name: str = "Done",
        payload: object = None,
        error: str = "",
        command_id: str | None = None,
    ) -> Transition[Order]:
        self.now += SECOND
        pending = self.state.pending
        awaited = pending.command_id if pending else "none"
        reply = Reply(command_id or awaited, outcome, name, payload, error)
        return self._apply(
            machine.on_reply(
                self.definition,
                self.state,
                reply,
                now=self.now,
                new_id=self.new_id,
                timeout=TIMEOUT,
            )
        )

    def time_out(self, at: datetime | None = None) -> Transition[Order]:
        assert self.state.pending is not None
        self.now = at or self.state.pending.deadline
        return self._apply(
            machine.on_timeout(
                self.definition, self.state, now=self.now, new_id=self.new_id, timeout=TIMEOUT
            )
        )

    def succeed(self, times: int) -> None:
        for _ in range(times):
            assert self.reply().changed


def fail(run: Run) -> None:
    run.reply(Outcome.FAILURE, error="refused")


def time_out(run: Run) -> None:
    run.time_out()


# ---------------------------------------------------------------- forward


def test_start_sends_the_first_action_skipping_steps_without_one() -> None:
    run = Run()
    state = run.state
    assert run.last.changed
    assert run.last.send == (
        Outgoing(
            "o1",
            "cosec.CreateOrder",
            "cmd-1",
            1,
            Direction.FORWARD,
            SagaCommand("AuthorizeCustomer", {"order": "o1", "list": ""}),
        ),
    )
    assert (state.id, state.name, state.data) == ("o1", "cosec.CreateOrder", Order("o1"))
    assert (state.status, state.step, state.compensating) == (SagaStatus.RUNNING, 1, False)
    assert state.pending == Pending("cmd-1", 1, Direction.FORWARD, T0 + TIMEOUT)
    assert (state.error, state.version, state.started_at, state.updated_at) == ("", 0, T0, T0)
    assert state.history == (
        HistoryEntry(1, "authorize", Direction.FORWARD, "AuthorizeCustomer", "cmd-1", T0),
    )


@pytest.mark.parametrize("succeeded", [1, 2])
def test_each_success_sends_the_next_action(succeeded: int) -> None:
    run = Run()
    run.succeed(succeeded)
    assert run.commands == FORWARD[: succeeded + 1]
    assert run.state.status is SagaStatus.RUNNING
    assert run.state.pending is not None
    assert run.state.pending.command_id == f"cmd-{succeeded + 1}"
    assert run.state.pending.deadline == T0 + succeeded * SECOND + TIMEOUT
    assert [e.outcome for e in run.state.history] == ["success"] * succeeded + [None]


def test_the_last_success_completes_the_saga_skipping_a_last_step_without_action() -> None:
    run = Run()
    run.succeed(3)
    assert run.commands == FORWARD
    assert run.last.send == ()
    state = run.state
    assert (state.status, state.pending, state.step, state.error) == (
        SagaStatus.COMPLETED,
        None,
        3,
        "",
    )
    assert state.updated_at == T0 + 3 * SECOND
    assert [e.outcome for e in state.history] == ["success"] * 3


def test_history_records_when_each_command_was_sent_and_settled() -> None:
    run = Run()
    run.succeed(1)
    fail(run)
    run.succeed(1)
    assert run.state.history == (
        HistoryEntry(
            1,
            "authorize",
            Direction.FORWARD,
            "AuthorizeCustomer",
            "cmd-1",
            T0,
            "success",
            T0 + SECOND,
        ),
        HistoryEntry(
            2,
            "list",
            Direction.FORWARD,
            "CreateList",
            "cmd-2",
            T0 + SECOND,
            "failure",
            T0 + 2 * SECOND,
            "refused",
        ),
        HistoryEntry(
            0,
            "reject",
            Direction.COMPENSATE,
            "RejectOrder",
            "cmd-3",
            T0 + 2 * SECOND,
            "success",
            T0 + 3 * SECOND,
        ),
    )


def test_a_forward_reply_updates_the_data_before_the_next_command_is_made() -> None:
    run = Run()
    run.succeed(1)
    run.reply(name="ListCreated", payload={"list_id": "l7"})
    assert run.state.data == Order("o1", list_id="l7")
    assert run.sent[-1].command == SagaCommand("ConfirmPayment", {"order": "o1", "list": "l7"})


def test_a_failed_reply_updates_the_data_too() -> None:
    run = Run()
    run.succeed(1)
    run.reply(Outcome.FAILURE, name="ListRefused", payload="no stock", error="no stock")
    assert run.state.data == Order("o1", note="refused: no stock")


def test_replies_without_a_handler_leave_the_data_alone() -> None:
    run = Run()
    run.reply(name="ListCreated", payload={"list_id": "l7"})  # step 1 has no handler
    assert run.state.data == Order("o1")


def test_compensation_replies_do_not_update_the_data() -> None:
    run = Run()
    run.succeed(1)
    run.reply(name="ListCreated", payload={"list_id": "l7"})
    fail(run)
    run.reply(name="ListCreated", payload={"list_id": "other"})  # CancelList's reply
    assert run.state.data == Order("o1", list_id="l7")


# ---------------------------------------------------------------- failures and timeouts

COMPENSATIONS = {1: ["RejectOrder"], 2: ["RejectOrder"], 3: ["CancelList", "RejectOrder"]}


@pytest.mark.parametrize("settle", [fail, time_out])
@pytest.mark.parametrize(("step", "compensations"), COMPENSATIONS.items())
def test_a_failed_step_compensates_the_steps_before_it_backwards(
    settle: Callable[[Run], None], step: int, compensations: list[str]
) -> None:
    run = Run()
    run.succeed(step - 1)
    settle(run)
    assert run.state.compensating
    assert run.state.status is SagaStatus.RUNNING
    run.succeed(len(compensations) - 1)
    assert run.state.status is SagaStatus.RUNNING
    run.succeed(1)
    assert run.commands == [*FORWARD[:step], *compensations]
    assert all(o.direction is Direction.COMPENSATE for o in run.sent[step:])
    state = run.state
    assert (state.status, state.pending, state.step) == (SagaStatus.COMPENSATED, None, 0)
    assert state.error.startswith(f"{ORDER_SAGA.steps[step].name} failed: ")


def test_a_failure_says_why_in_the_history_and_the_error() -> None:
    run = Run()
    run.reply(Outcome.FAILURE, error="customer disabled")
    assert run.state.history[0].error == "customer disabled"
    assert run.state.error == "authorize failed: customer disabled"


def test_a_timeout_is_recorded_as_such() -> None:
    run = Run()
    run.time_out()
    entry = run.state.history[0]
    assert (entry.outcome, entry.finished_at) == ("timeout", T0 + TIMEOUT)
    assert entry.error == "no reply within 30s"
    assert run.state.error == "authorize failed: no reply within 30s"


def test_no_timeout_before_the_deadline_and_one_after_it() -> None:
    run = Run()
    early = run.time_out(T0 + TIMEOUT - timedelta(microseconds=1))
    assert early == Transition(run.state, (), changed=False)
    assert run.time_out(T0 + TIMEOUT + SECOND).changed


def test_a_failure_with_nothing_to_compensate_compensates_at_once() -> None:
    definition = SagaDefinition("only", (Step[Order]("a", action=lambda o: SagaCommand("A", 1)),))
    run = Run(definition)
    fail(run)
    assert run.last.send == ()
    assert (run.state.status, run.state.pending) == (SagaStatus.COMPENSATED, None)


@pytest.mark.parametrize("settle", [fail, time_out])
def test_a_failed_compensation_fails_the_saga(settle: Callable[[Run], None]) -> None:
    run = Run()
    run.succeed(2)
    fail(run)  # ConfirmPayment
    settle(run)  # CancelList
    state = run.state
    assert run.commands == [*FORWARD, "CancelList"]  # RejectOrder is never sent
    assert (state.status, state.pending) == (SagaStatus.FAILED, None)
    reason = "refused" if settle is fail else "no reply within 30s"
    assert state.error == f"compensation list failed: {reason}"
    assert state.history[-1].outcome == ("failure" if settle is fail else "timeout")


# ---------------------------------------------------------------- ignored input


def test_a_duplicate_reply_changes_nothing() -> None:
    run = Run()
    first = run.state.pending
    assert first is not None
    run.succeed(1)
    before = run.state
    duplicate = run.reply(command_id=first.command_id)
    assert duplicate == Transition(before, (), changed=False)


def test_a_reply_to_another_command_changes_nothing() -> None:
    run = Run()
    before = run.state
    assert run.reply(command_id="someone-else") == Transition(before, (), changed=False)


def test_a_late_reply_after_a_timeout_changes_nothing() -> None:
    run = Run()
    run.time_out()
    before = run.state
    assert run.reply(command_id="cmd-1") == Transition(before, (), changed=False)
    assert run.state.history[0].outcome == "timeout"


@pytest.mark.parametrize("outcome", [Outcome.SUCCESS, Outcome.FAILURE])
def test_a_finished_saga_ignores_replies_and_timeouts(outcome: Outcome) -> None:
    run = Run()
    run.succeed(3)
    finished = run.state
    last_command = finished.history[-1].command_id
    assert run.reply(outcome, command_id=last_command) == Transition(finished, (), False)
    ignored = machine.on_timeout(
        ORDER_SAGA, finished, now=T0 + 10 * TIMEOUT, new_id=run.new_id, timeout=TIMEOUT
    )
    assert ignored == Transition(finished, (), changed=False)


def test_a_failed_saga_ignores_everything() -> None:
    run = Run()
    run.succeed(2)
    fail(run)
    fail(run)
    failed = run.state
    assert failed.status is SagaStatus.FAILED
    assert run.reply(command_id=failed.history[-1].command_id).changed is False


# ---------------------------------------------------------------- edge definitions


def test_a_definition_without_actions_completes_at_start() -> None:
    definition = SagaDefinition(
        "none", (Step[Order]("undo", compensation=lambda o: SagaCommand("U", 1)),)
    )
    start = machine.start(definition, "s1", Order("o1"), now=T0, new_id=counter(), timeout=TIMEOUT)
    assert start.changed and start.send == ()
    assert (start.state.status, start.state.pending, start.state.history) == (
        SagaStatus.COMPLETED,
        None,
        (),
    )


@pytest.mark.parametrize(
    ("saga_id", "name"), [("", "n"), ("x" * 65, "n"), ("s", ""), ("s", "n" * 129)]
)
def test_ids_and_names_are_bounded(saga_id: str, name: str) -> None:
    definition = SagaDefinition(name, ORDER_SAGA.steps)
    with pytest.raises(ValueError, match="characters"):
        machine.start(definition, saga_id, Order("o1"), now=T0, new_id=counter(), timeout=TIMEOUT)
