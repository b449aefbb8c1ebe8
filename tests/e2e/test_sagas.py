"""Features of sagas/: what the create-order saga does when a module does not answer.

Those scenarios need a mall of their own: `intellimall up` with one module left out
(`--module` for each of the others) and a short `INTELLIMALL_SAGA_STEP_TIMEOUT`. It is
started when a scenario first asks for it and stopped (SIGINT) when this module's scenarios
are done; the other features never wait for it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import httpx
import pytest
from pytest_bdd import given, parsers, scenarios, then

from mall_adapters.bootstrap.settings import ALL_MODULES
from tests.e2e import observe
from tests.e2e.database import scenario_tables, truncate_scenario_tables
from tests.e2e.world import World, table_rows
from tests.support.mall_process import RunningMall, data_dir, mall_process

scenarios("sagas")


class PartialMalls:
    """Malls without one module, each with its own step timeout, started on demand."""

    def __init__(self, stack: contextlib.ExitStack) -> None:
        self._stack = stack
        self._started: dict[tuple[str, float], tuple[RunningMall, httpx.Client]] = {}

    def without(self, missing: str, step_timeout: float) -> tuple[RunningMall, httpx.Client]:
        key = (missing, step_timeout)
        if key not in self._started:
            assert missing in ALL_MODULES, f'there is no module "{missing}"'
            running = self._stack.enter_context(
                mall_process(
                    self._stack.enter_context(data_dir()),
                    modules=[module for module in ALL_MODULES if module != missing],
                    settings={"INTELLIMALL_SAGA_STEP_TIMEOUT": str(step_timeout)},
                )
            )
            client = self._stack.enter_context(httpx.Client(base_url=running.http, timeout=30.0))
            self._started[key] = (running, client)
        return self._started[key]


@pytest.fixture(scope="module")
def partial_malls() -> Iterator[PartialMalls]:
    with contextlib.ExitStack() as stack:
        yield PartialMalls(stack)


@given(
    parsers.re(
        r'a mall without "(?P<missing>[^"]*)" whose saga steps time out after'
        r' "(?P<seconds>[^"]*)" seconds'
    ),
    converters={"seconds": float},
)
def mall_without(world: World, partial_malls: PartialMalls, missing: str, seconds: float) -> None:
    """The scenario's next calls go to that mall, on emptied tables."""
    running, client = partial_malls.without(missing, seconds)
    truncate_scenario_tables(running.pg_dsn, scenario_tables(running.pg_dsn))
    world.api = client


@then("the saga of my order took these steps")
def saga_steps(world: World, datatable: list[list[str]]) -> None:
    order_id = world.my_order()
    ended = observe.ended_saga(world.api, order_id)
    expected = [(row["Command"], row["Outcome"]) for row in table_rows(datatable)]
    taken = [(step["command"], step["outcome"]) for step in ended["history"]]
    assert taken == expected, ended
