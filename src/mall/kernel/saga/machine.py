"""The saga state machine: pure functions from state and input to a `Transition`.

Steps run forward in order; a step without an action is skipped. When a step fails or
times out, the steps before it are compensated backwards (the failed step's own
compensation is not run), skipping steps without a compensation. A reply that is not the
one awaited (late, duplicate, for a finished saga) changes nothing. A compensation that
fails or times out ends the saga as FAILED.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TypeVar

from mall.kernel.saga.definition import SagaDefinition
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

D = TypeVar("D")

TIMEOUT = "timeout"


def start(
    definition: SagaDefinition[D],
    saga_id: str,
    data: D,
    *,
    now: datetime,
    new_id: Callable[[], str],
    timeout: timedelta,
) -> Transition[D]:
    """A new saga that has sent its first command (or finished, with no action at all)."""
    state = SagaState(
        id=saga_id,
        name=definition.name,
        data=data,
        status=SagaStatus.RUNNING,
        step=-1,
        compensating=False,
        pending=None,
        history=(),
        error="",
        started_at=now,
        updated_at=now,
    )
    return _execute(definition, state, now=now, new_id=new_id, timeout=timeout)


def on_reply(
    definition: SagaDefinition[D],
    state: SagaState[D],
    reply: Reply,
    *,
    now: datetime,
    new_id: Callable[[], str],
    timeout: timedelta,
) -> Transition[D]:
    pending = state.pending
    if state.status is not SagaStatus.RUNNING or pending is None:
        return Transition(state, (), changed=False)
    if reply.command_id != pending.command_id:
        return Transition(state, (), changed=False)
    state = _settle(state, reply.outcome.value, reply.error, now)
    handler = definition.steps[pending.step].on_reply.get(reply.name)
    if handler is not None and pending.direction is Direction.FORWARD:
        state = replace(state, data=handler(state.data, reply.payload))
    if reply.outcome is Outcome.SUCCESS:
        return _execute(definition, state, now=now, new_id=new_id, timeout=timeout)
    return _fail(definition, state, reply.error, now=now, new_id=new_id, timeout=timeout)


def on_timeout(
    definition: SagaDefinition[D],
    state: SagaState[D],
    *,
    now: datetime,
    new_id: Callable[[], str],
    timeout: timedelta,
) -> Transition[D]:
    """The awaited reply did not come by the deadline: the step counts as failed."""
    pending = state.pending
    if state.status is not SagaStatus.RUNNING or pending is None or now < pending.deadline:
        return Transition(state, (), changed=False)
    error = f"no reply within {timeout.total_seconds():g}s"
    state = _settle(state, TIMEOUT, error, now)
    return _fail(definition, state, error, now=now, new_id=new_id, timeout=timeout)


def _settle(state: SagaState[D], outcome: str, error: str, now: datetime) -> SagaState[D]:
    """Close the history entry of the pending command."""
    assert state.pending is not None
    command_id = state.pending.command_id
    history = tuple(
        replace(entry, outcome=outcome, finished_at=now, error=error)
        if entry.command_id == command_id
        else entry
        for entry in state.history
    )
    return replace(state, pending=None, history=history, updated_at=now)


def _fail(
    definition: SagaDefinition[D],
    state: SagaState[D],
    error: str,
    *,
    now: datetime,
    new_id: Callable[[], str],
    timeout: timedelta,
) -> Transition[D]:
    name = definition.steps[state.step].name
    if state.compensating:
        failed = replace(
            state, status=SagaStatus.FAILED, error=f"compensation {name} failed: {error}"
        )
        return Transition(failed, (), changed=True)
    state = replace(state, compensating=True, error=f"{name} failed: {error}")
    return _execute(definition, state, now=now, new_id=new_id, timeout=timeout)


def _execute(
    definition: SagaDefinition[D],
    state: SagaState[D],
    *,
    now: datetime,
    new_id: Callable[[], str],
    timeout: timedelta,
) -> Transition[D]:
    """Send the next command in the saga's direction, or finish when none is left."""
    if state.compensating:
        direction, indexes = Direction.COMPENSATE, range(state.step - 1, -1, -1)
    else:
        direction, indexes = Direction.FORWARD, range(state.step + 1, len(definition.steps))
    for index in indexes:
        step = definition.steps[index]
        make = step.compensation if state.compensating else step.action
        if make is None:
            continue
        command, command_id = make(state.data), new_id()
        entry = HistoryEntry(index, step.name, direction, command.name, command_id, sent_at=now)
        sent = replace(
            state,
            step=index,
            pending=Pending(command_id, index, direction, now + timeout),
            history=(*state.history, entry),
            updated_at=now,
        )
        outgoing = Outgoing(state.id, state.name, command_id, index, direction, command)
        return Transition(sent, (outgoing,), changed=True)
    status = SagaStatus.COMPENSATED if state.compensating else SagaStatus.COMPLETED
    return Transition(replace(state, status=status, pending=None, updated_at=now), (), True)
