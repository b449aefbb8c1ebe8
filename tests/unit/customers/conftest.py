"""The customers core wired to in-memory adapters, as the composition root wires it to PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mall.customers.application.authorizer import CustomerAuthorizer
from mall.customers.application.deps import CustomersDeps
from mall.customers.application.service import CustomersQueryHandlers, CustomersService
from mall.customers.translate import CustomerEventsTranslator
from mall.kernel.repository import DispatchingRepository
from mall_adapters.memory.customers import InMemoryCustomerRepository
from mall_adapters.memory.messaging import RecordingSink
from mall_adapters.memory.system import SequentialIds
from mall_adapters.messaging.generated.customers import OutboxCustomersPublisher


@dataclass
class CustomersCore:
    service: CustomersService
    queries: CustomersQueryHandlers
    authorizer: CustomerAuthorizer
    sink: RecordingSink
    store: InMemoryCustomerRepository


def build_customers_core() -> CustomersCore:
    sink = RecordingSink()
    store = InMemoryCustomerRepository()
    translator = CustomerEventsTranslator(OutboxCustomersPublisher(sink))
    deps = CustomersDeps(
        customers=DispatchingRepository(store, [translator]), ids=SequentialIds("customer")
    )
    return CustomersCore(
        CustomersService(deps), CustomersQueryHandlers(deps), CustomerAuthorizer(deps), sink, store
    )


@pytest.fixture
def core() -> CustomersCore:
    return build_customers_core()
