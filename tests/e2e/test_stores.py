"""Features of stores/: creating stores and their products."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, then, when

from tests.e2e.database import fetch
from tests.e2e.world import World
from tests.support.mall_process import RunningMall

scenarios("stores")

DEFAULT_PRICE = 9.99


def rows_named(mall: RunningMall, table: str, name: str) -> int:
    return len(fetch(mall.pg_dsn, f"SELECT id FROM {table} WHERE name = $1", name))


@given("a valid store owner")
def valid_store_owner() -> None:
    """Nothing to do: there is no authentication."""


@given(parsers.re(r'the store (?:called )?"(?P<name>[^"]*)" already exists'))
def store_already_exists(world: World, name: str) -> None:
    outcome = world.create_store(name)
    assert outcome.ok, outcome.describe()


@when(parsers.re(r'I create (?:the|a) store called "(?P<name>[^"]*)"'))
def create_store(world: World, name: str) -> None:
    world.create_store(name)


@then(parsers.re(r"(?:I )?(?:ensure |expect )?the store (?:was|is) created"))
def store_created(world: World) -> None:
    world.expect_success("createStore")


@given(parsers.re(r'(?:I )?(?:ensure |expect )?a store called "(?P<name>[^"]*)" (?:to )?exists?'))
@then(parsers.re(r'(?:I )?(?:ensure |expect )?a store called "(?P<name>[^"]*)" (?:to )?exists?'))
def store_exists(mall: RunningMall, name: str) -> None:
    assert rows_named(mall, "stores.stores", name) > 0, f'the store "{name}" does not exist'


@given(parsers.re(r'(?:I )?(?:ensure |expect )?no store called "(?P<name>[^"]*)" (?:to )?exists?'))
@then(parsers.re(r'(?:I )?(?:ensure |expect )?no store called "(?P<name>[^"]*)" (?:to )?exists?'))
def no_store_exists(mall: RunningMall, name: str) -> None:
    assert rows_named(mall, "stores.stores", name) == 0, f'the store "{name}" does exist'


@when(parsers.re(r'I create the product called "(?P<name>[^"]*)"'))
@when(
    parsers.re(r'I create the product called "(?P<name>[^"]*)" with price "(?P<price>[^"]*)"'),
    converters={"price": float},
)
def create_product(world: World, name: str, price: float = DEFAULT_PRICE) -> None:
    world.add_product(name, price)


@then(parsers.re(r"(?:I )?(?:ensure |expect )?the product (?:was|is) created"))
def product_created(world: World) -> None:
    world.expect_success("addProduct")


@given(parsers.re(r'(?:I )?(?:ensure |expect )?a product called "(?P<name>[^"]*)" (?:to )?exists?'))
@then(parsers.re(r'(?:I )?(?:ensure |expect )?a product called "(?P<name>[^"]*)" (?:to )?exists?'))
def product_exists(mall: RunningMall, name: str) -> None:
    assert rows_named(mall, "stores.products", name) > 0, f'the product "{name}" does not exist'


@given(
    parsers.re(r'(?:I )?(?:ensure |expect )?no product called "(?P<name>[^"]*)" (?:to )?exists?')
)
@then(parsers.re(r'(?:I )?(?:ensure |expect )?no product called "(?P<name>[^"]*)" (?:to )?exists?'))
def no_product_exists(mall: RunningMall, name: str) -> None:
    assert rows_named(mall, "stores.products", name) == 0, f'the product "{name}" does exist'
