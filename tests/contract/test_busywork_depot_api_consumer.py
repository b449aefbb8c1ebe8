"""Consumer side of `pacts/busywork-depot-api.json`: acting as the depot's bot, the
simulator takes an approved order's shopping list and completes it."""

from __future__ import annotations

import pytest

from tests.contract.busywork_cases import Case, check, description, done, recorder_for
from tests.support.contract_http import Matchable, Request, path_from_state
from tests.support.contract_pacts import PactRecorder

LIST_ID = "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a"


def list_path(suffix: str) -> Matchable:
    return path_from_state(
        f"/api/depot/shopping/{{shoppingListId}}{suffix}", shoppingListId=LIST_ID
    )


CASES = [
    done(
        Request(
            "a request to assign a shopping list to a bot",
            "PUT",
            list_path("/assign"),
            {"botId": "bot-5"},
            given=("a shopping list exists", {"status": "available"}),
        ),
        lambda api: api.assign_shopping_list(LIST_ID, "bot-5"),
    ),
    done(
        Request(
            "a request to complete a shopping list",
            "PUT",
            list_path("/complete"),
            {},
            given=("a shopping list exists", {"status": "assigned"}),
        ),
        lambda api: api.complete_shopping_list(LIST_ID),
    ),
]
recorder = recorder_for("depot-api", CASES)


@pytest.mark.parametrize("case", CASES, ids=description)
def test_the_simulator_gets_the_answer(case: Case, recorder: PactRecorder) -> None:
    check(case, recorder)
