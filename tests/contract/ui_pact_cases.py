"""The interactions every UI client's pact has a few of, as rows of a module's tables: a
request the API refuses (`Refusal`: the client raises `ApiError` with the status and the
message of the error body) and a command it carries out (`Done`: 200 with an empty object).
`check_call` checks a row against Pact's mock server.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import pytest

from tests.contract.ui_client import ApiError
from tests.support.contract_http import Request, error_body, mock_provider
from tests.support.contract_pacts import PactRecorder

C = TypeVar("C")


@dataclass(frozen=True)
class Refusal(Generic[C]):
    """`request`, refused with `status` and an error body whose message is `message` (any
    text, or with `exact` these words: the reference's, which clients may rely on); `call`
    is the client call that sends it."""

    request: Request
    status: int
    message: str
    call: Callable[[C], object]
    exact: bool = False


@dataclass(frozen=True)
class Done(Generic[C]):
    """`request`, a command the API carries out (200, an empty object); `call` sends it."""

    request: Request
    call: Callable[[C], None]


Call = Refusal[C] | Done[C]


def description(case: Call[Any]) -> str:
    """A row's test id: its interaction's description."""
    return case.request.description


def descriptions(*interactions: Request | Call[Any]) -> list[str]:
    """The descriptions of a module's interactions (its pact holds exactly these)."""
    return [i.description if isinstance(i, Request) else description(i) for i in interactions]


def check_call(case: Call[C], client: Callable[[str], C], recorder: PactRecorder) -> None:
    """The test of a row: against Pact's mock server (which checks the request was the one
    expected), the client's call returns for a `Done`, and fails with the status and the
    message for a `Refusal`. The verified pact is recorded."""
    pact = recorder.new_pact()
    if isinstance(case, Done):
        case.request.answered(pact, 200, {})
        with mock_provider(pact) as url:
            case.call(client(url))
    else:
        case.request.answered(pact, case.status, error_body(case.message, exact=case.exact))
        with mock_provider(pact) as url, pytest.raises(ApiError) as raised:
            case.call(client(url))
        assert (raised.value.status, raised.value.message) == (case.status, case.message)
    recorder.record(pact)
