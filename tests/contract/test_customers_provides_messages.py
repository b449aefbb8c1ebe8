"""Provider side of the customers pacts: customers publishes the customer events
notifications and search expect, and answers the GetCustomer look-ups of notifications,
payments and search.

Every event is produced by the real customers core (in-memory adapters) running the use
case that publishes it. Every look-up is answered by the real `CustomersQueryHandlers` as
bound by the generated router, for the id in the pact's request; the provider state
"a customer exists" registers that customer (enabled) through the real use case.
"""

from __future__ import annotations

import pytest

from mall_adapters.messaging.generated.customers import build_customers_router
from mall_contracts.customers import http
from tests.support.contract_message_provider import ChosenIdsCore, MessageProvider, Params
from tests.support.cores import CustomersCore, build_customers_core

PACT_FILES = ("notifications-customers.json", "payments-customers.json", "search-customers.json")


class Customers(ChosenIdsCore[CustomersCore]):
    def __init__(self) -> None:
        super().__init__(build_customers_core)

    async def register(self) -> str:
        body = http.RegisterCustomerRequest(name="Ann", sms_number="555-0100")
        return (await self.core.service.register_customer(body)).id


async def a_customer_exists(customers: Customers, params: Params) -> None:
    customers.ids.choose(str(params["id"]))
    await customers.register()


async def customer_registered(customers: Customers) -> None:
    await customers.register()


async def customer_sms_changed(customers: Customers) -> None:
    body = http.ChangeSmsNumberRequest(sms_number="555-0199")
    await customers.core.service.change_sms_number(await customers.register(), body)


CUSTOMERS = MessageProvider(
    "customers",
    Customers,
    events={
        "a CustomerRegistered message": customer_registered,
        "a CustomerSmsChanged message": customer_sms_changed,
    },
    states={"a customer exists": a_customer_exists},
    answers=lambda customers, consumer: build_customers_router(customers.core.queries, consumer),
)


@pytest.mark.parametrize("pact_file", PACT_FILES)
def test_customers_honours_the_pact(pact_file: str) -> None:
    CUSTOMERS.verify(pact_file)
