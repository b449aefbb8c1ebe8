"""Consumer side of `pacts/customers-cosec.json`: the create-order saga's AuthorizeCustomer,
sent when the saga starts, with the headers customers answers by.

The example command is delivered with its headers through customers' command route and the
real command processor (in memory), as its JetStream command consumer runs it. The tests check
the reply the processor wrote for the saga: `am.Success` for an enabled customer, `am.Failure`
with the reference's text for a disabled or unknown one; and that authorizing is only a check:
the customer is left as it was and customers publishes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from pact import match

from mall.customers.domain.customer import Customer, CustomerState
from mall_adapters.messaging.generated.customers import build_customers_router
from mall_contracts.customers import messages
from mall_contracts.customers.subjects import CUSTOMER_COMMANDS
from tests.support.contract_consumer import RecordingConsumer
from tests.support.contract_pacts import PactRecorder, pact_recorder, run_sync
from tests.support.contract_saga import (
    SUCCEEDED,
    CommandCase,
    ExpectedCommand,
    SagaCommands,
    check_command,
    refused,
)
from tests.support.cores import CustomersCore, build_customers_core
from tests.support.cosec_saga import STARTED

CUSTOMER_ID = "customer-id"
AUTHORIZE = ExpectedCommand(
    STARTED, CUSTOMER_COMMANDS, messages.AUTHORIZE_CUSTOMER, {"id": match.str(CUSTOMER_ID)}
)


@dataclass
class Customers:
    """Customers' command route, bound by the generated binding over the in-memory core."""

    core: CustomersCore
    commands: SagaCommands
    seeded: dict[str, tuple[CustomerState, int]] = field(default_factory=dict)

    @classmethod
    def build(cls) -> Customers:
        core = build_customers_core()
        consumer = RecordingConsumer()
        build_customers_router(core.queries, consumer)
        return cls(core, SagaCommands(consumer))

    def seed_enabled(self) -> None:
        self._seed(Customer.register(CUSTOMER_ID, "Ann", "555-0100"))

    def seed_disabled(self) -> None:
        customer = Customer.register(CUSTOMER_ID, "Ann", "555-0100")
        customer.disable()
        self._seed(customer)

    def seed_nobody(self) -> None:
        """Customers knows no such customer."""

    def assert_nothing_recorded(self) -> None:
        """Authorizing is a check: the customers are as seeded and nothing was published."""
        assert self.core.store.rows == self.seeded
        assert self.core.sink.sent == []

    def _seed(self, customer: Customer) -> None:
        run_sync(self.core.store.save(customer))
        self.seeded = dict(self.core.store.rows)


CASES: list[CommandCase[Customers]] = [
    CommandCase(
        "an enabled customer is authorized",
        "an AuthorizeCustomer command for an enabled customer",
        AUTHORIZE,
        SUCCEEDED,
        given=Customers.seed_enabled,
        then=Customers.assert_nothing_recorded,
    ),
    CommandCase(
        "a disabled customer is not authorized",
        "an AuthorizeCustomer command for a disabled customer",
        AUTHORIZE,
        refused("customer is not authorized"),
        given=Customers.seed_disabled,
        then=Customers.assert_nothing_recorded,
    ),
    CommandCase(
        "an unknown customer is not authorized",
        "an AuthorizeCustomer command for an unknown customer",
        AUTHORIZE,
        refused("customer with that ID does not exist"),
        given=Customers.seed_nobody,
        then=Customers.assert_nothing_recorded,
    ),
]
recorder = pact_recorder("customers", "cosec", [case.description for case in CASES])


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.intent)
def test_a_command_is_answered(case: CommandCase[Customers], recorder: PactRecorder) -> None:
    check_command(case, Customers.build(), recorder)
