"""The state of one saga run and the values the state machine takes and gives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Generic, TypeVar

from mall.kernel.saga.definition import SagaCommand

D = TypeVar("D")

MAX_SAGA_ID = 64
MAX_SAGA_NAME = 128


class Outcome(Enum):
    SUCCESS = "success"
    FAILURE = "failure"


@dataclass(frozen=True)
class Reply:
    """The answer to the command `command_id`; `name` is the reply's wire message name."""

    command_id: str
    outcome: Outcome
    name: str
    payload: object | None = None
    error: str = ""


class SagaStatus(Enum):
    RUNNING = "running"
    COMPLETED = "completed"  # every forward step succeeded
    COMPENSATED = "compensated"  # a step failed or timed out; every compensation succeeded
    FAILED = "failed"  # a compensation failed or timed out (terminal, with `error`)


class Direction(Enum):
    FORWARD = "forward"
    COMPENSATE = "compensate"


@dataclass(frozen=True)
class HistoryEntry:
    """One command sent; `outcome` is "success", "failure" or "timeout" once it is settled."""

    step: int
    step_name: str
    direction: Direction
    command: str
    command_id: str
    sent_at: datetime
    outcome: str | None = None
    finished_at: datetime | None = None
    error: str = ""


@dataclass(frozen=True)
class Pending:
    """The command the saga waits for, and until when."""

    command_id: str
    step: int
    direction: Direction
    deadline: datetime


@dataclass(frozen=True)
class SagaState(Generic[D]):
    """`step` is the index of the step last executed (-1 before the first); `version` is
    the store's (0: never saved). `error` says why a saga compensated or failed."""

    id: str
    name: str
    data: D
    status: SagaStatus
    step: int
    compensating: bool
    pending: Pending | None
    history: tuple[HistoryEntry, ...]
    error: str
    started_at: datetime
    updated_at: datetime
    version: int = 0

    def __post_init__(self) -> None:
        if not 0 < len(self.id) <= MAX_SAGA_ID:
            raise ValueError(f"a saga id has 1 to {MAX_SAGA_ID} characters")
        if not 0 < len(self.name) <= MAX_SAGA_NAME:
            raise ValueError(f"a saga name has 1 to {MAX_SAGA_NAME} characters")


@dataclass(frozen=True)
class Outgoing:
    """A command for the coordinator to send, with what identifies its reply."""

    saga_id: str
    saga_name: str
    command_id: str
    step: int
    direction: Direction
    command: SagaCommand


@dataclass(frozen=True)
class Transition(Generic[D]):
    """The new state and the commands to send; `changed=False`: nothing happened, save
    nothing."""

    state: SagaState[D]
    send: tuple[Outgoing, ...]
    changed: bool
