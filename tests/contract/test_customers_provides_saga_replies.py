"""Provider side of `pacts/cosec-customers.json`: customers answers AuthorizeCustomer the way
the saga expects, reply headers included.

Each reply is produced by the real customers core (in memory) in the interaction's provider
state: the AuthorizeCustomer command goes through customers' command route and the real
command processor, and the reply it writes to the outbox is what the verifier checks.
"""

from __future__ import annotations

from mall.customers.domain.customer import Customer
from mall_adapters.messaging.generated.customers import build_customers_router
from mall_adapters.reliability.envelope import Envelope
from mall_contracts.customers import messages
from mall_contracts.customers.subjects import CUSTOMER_COMMANDS
from tests.support.contract_saga import Params, SagaParticipant, saga_command
from tests.support.cores import CustomersCore, build_customers_core


async def enabled_customer(core: CustomersCore, params: Params) -> None:
    await core.store.save(Customer.register(params["id"], "Ann", "555-0100"))


async def disabled_customer(core: CustomersCore, params: Params) -> None:
    customer = Customer.register(params["id"], "Ann", "555-0100")
    customer.disable()
    await core.store.save(customer)


def authorize(params: Params) -> Envelope:
    command = messages.AuthorizeCustomer(id=params["id"])
    return saga_command(CUSTOMER_COMMANDS, messages.AUTHORIZE_CUSTOMER, command)


CUSTOMERS = SagaParticipant(
    "customers",
    build_customers_core,
    build_customers_router,
    states={"an enabled customer": enabled_customer, "a disabled customer": disabled_customer},
    replies={
        "an am.Success reply to AuthorizeCustomer": authorize,
        "an am.Failure reply to AuthorizeCustomer": authorize,
    },
    handlers=lambda core: core.queries,  # its responders answer AuthorizeCustomer too
)


def test_customers_answers_authorize_customer_as_cosec_expects() -> None:
    CUSTOMERS.verify("cosec-customers.json")
