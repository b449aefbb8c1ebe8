"""CustomerRepository: the same behaviour in memory and in PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mall.customers.domain.customer import Customer, CustomerState
from mall.customers.ports import CustomerRepository
from mall.kernel.errors import ConflictError
from mall_adapters.memory.customers import InMemoryCustomerRepository
from mall_adapters.postgres.customers import PostgresCustomerRepository
from mall_adapters.postgres.database import Database
from tests.ports.conftest import scoped

CONFLICT = "^the customer was changed by another request at the same time; retry$"


@pytest.fixture
async def customers(backend: Database | None) -> AsyncIterator[CustomerRepository]:
    async for port in scoped(backend, InMemoryCustomerRepository, PostgresCustomerRepository):
        yield port


async def loaded(customers: CustomerRepository, customer_id: str) -> Customer:
    customer = await customers.load(customer_id)
    assert customer is not None
    return customer


async def test_unknown_ids_load_as_none(customers: CustomerRepository) -> None:
    assert await customers.load("nope") is None


async def test_save_then_load_round_trips(customers: CustomerRepository) -> None:
    registered = Customer.register("c1", "Ann", "555-0100")
    await customers.save(registered)
    assert (registered.version, registered.pending_events) == (1, ())
    found = await loaded(customers, "c1")
    assert found is not registered
    assert (found.id, found.version, found.pending_events) == ("c1", 1, ())
    assert found.state() == CustomerState("Ann", "555-0100", True)


async def test_updates_advance_the_version_by_the_events_saved(
    customers: CustomerRepository,
) -> None:
    await customers.save(Customer.register("c1", "Ann", "555-0100"))
    customer = await loaded(customers, "c1")
    customer.disable()
    customer.enable()
    customer.change_sms_number("555-0199")
    await customers.save(customer)
    assert customer.version == 4
    customer.disable()
    await customers.save(customer)
    found = await loaded(customers, "c1")
    assert (found.version, found.state()) == (5, CustomerState("Ann", "555-0199", False))


async def test_nothing_pending_saves_nothing_and_loads_are_copies(
    customers: CustomerRepository,
) -> None:
    await customers.save(Customer.register("c1", "Ann", "555-0100"))
    unsaved = await loaded(customers, "c1")
    unsaved.disable()  # never saved
    untouched = await loaded(customers, "c1")
    await customers.save(untouched)
    found = await loaded(customers, "c1")
    assert (found.version, found.state().enabled) == (1, True)


async def test_a_stale_writer_conflicts_and_the_first_write_stays(
    customers: CustomerRepository,
) -> None:
    await customers.save(Customer.register("c1", "Ann", "555-0100"))
    first, second = await loaded(customers, "c1"), await loaded(customers, "c1")
    first.disable()
    await customers.save(first)
    second.change_sms_number("555-0199")
    with pytest.raises(ConflictError, match=CONFLICT):
        await customers.save(second)
    assert second.version == 1 and second.pending_events  # not committed
    found = await loaded(customers, "c1")
    assert (found.version, found.state()) == (2, CustomerState("Ann", "555-0100", False))


async def test_registering_an_existing_id_conflicts(customers: CustomerRepository) -> None:
    await customers.save(Customer.register("c1", "Ann", "555-0100"))
    with pytest.raises(ConflictError, match=CONFLICT):
        await customers.save(Customer.register("c1", "Bob", "555-0199"))
    found = await loaded(customers, "c1")
    assert (found.version, found.state()) == (1, CustomerState("Ann", "555-0100", True))
