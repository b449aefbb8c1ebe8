"""End-to-end features against IntelliMall started as `intellimall up` starts it.

One system per test session (embedded PostgreSQL and NATS in a fresh data directory);
before every scenario the tables the reference's suite truncates are emptied, so scenarios
are independent. Steps used by features of more than one folder live here; the others
live in the `test_<folder>.py` module that binds that folder's features.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pytest_bdd import given, parsers, then

from tests.e2e.mall import RunningMall, World, mall_process, table_rows, truncate_scenario_tables


@pytest.fixture(scope="session")
def mall() -> Iterator[RunningMall]:
    # Not under pytest's tmp_path: pytest prunes old base dirs, which can belong to another
    # pytest run that is still using its servers.
    data_dir = Path(tempfile.mkdtemp(prefix="intellimall-e2e-"))
    try:
        with mall_process(data_dir) as running:
            yield running
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def api(mall: RunningMall) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=mall.http, timeout=30.0) as client:
        yield client


@pytest.fixture(autouse=True)
def world(mall: RunningMall, api: httpx.Client) -> World:
    """A scenario's memory; every scenario starts on emptied tables, asked for or not."""
    truncate_scenario_tables(mall.pg_dsn)
    return World(api)


# ------------------------------------------------------------------------------ customers


@given("I am a registered customer")
def registered_customer(world: World) -> None:
    outcome = world.register_customer("RegisteredCustomer")
    assert outcome.ok, outcome.describe()


# ------------------------------------------------------------------------------ stores


@given("a store has the following items")
def store_has_items(world: World, datatable: list[list[str]]) -> None:
    created = world.create_store("AnyStore")
    assert created.ok, created.describe()
    for row in table_rows(datatable):
        added = world.add_product(row["Name"], float(row["Price"]))
        assert added.ok, added.describe()


# ------------------------------------------------------------------------------ errors


@then(parsers.re(r'I receive an? "(?P<message>[^"]*)" error'))
@then(parsers.re(r'the returned error message is "(?P<message>[^"]*)"'))
def receive_error(world: World, message: str) -> None:
    world.expect_error(message)
