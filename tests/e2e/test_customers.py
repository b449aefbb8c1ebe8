"""Features of customers/: registering customers."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, then, when

from tests.e2e.database import fetch
from tests.e2e.world import World
from tests.support.mall_process import RunningMall

scenarios("customers")


def customers_named(mall: RunningMall, name: str) -> int:
    rows = fetch(mall.pg_dsn, "SELECT id FROM customers.customers WHERE name = $1", name)
    return len(rows)


@when(parsers.re(r'I register a new customer as "(?P<name>[^"]*)"'))
def register_customer(world: World, name: str) -> None:
    world.register_customer(name)


@then(parsers.re(r"(?:I )?(?:ensure |expect )?the customer (?:was|is) created"))
def customer_created(world: World) -> None:
    world.expect_success("registerCustomer")


@given(
    parsers.re(
        r'(?:I )?(?:ensure |expect )?(?:a )?customer named "(?P<name>[^"]*)" (?:to )?exists?'
    )
)
@then(
    parsers.re(
        r'(?:I )?(?:ensure |expect )?(?:a )?customer named "(?P<name>[^"]*)" (?:to )?exists?'
    )
)
def customer_exists(mall: RunningMall, name: str) -> None:
    assert customers_named(mall, name) > 0, f'the customer "{name}" does not exist'


@given(
    parsers.re(r'(?:I )?(?:ensure |expect )?no customer named "(?P<name>[^"]*)" (?:to )?exists?')
)
@then(parsers.re(r'(?:I )?(?:ensure |expect )?no customer named "(?P<name>[^"]*)" (?:to )?exists?'))
def no_customer_exists(mall: RunningMall, name: str) -> None:
    assert customers_named(mall, name) == 0, f'the customer "{name}" does exist'
