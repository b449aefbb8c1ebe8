"""Consumer side of `pacts/customers-cosec.json`: the create-order saga's AuthorizeCustomer,
sent when the saga starts, with the headers customers answers by.

The example command is delivered with its headers through customers' command route and the
real command processor (in memory), as its JetStream command consumer runs it. The tests check
the reply the processor wrote for the saga: `am.Success` for an enabled customer, `am.Failure`
with the reference's text for a disabled or unknown one; and that authorizing is only a check:
the customer is left as it was and customers publishes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pact import Pact, match

from mall.customers.domain.customer import Customer, CustomerState
from mall_adapters.messaging.generated.customers import build_customers_router
from mall_adapters.reliability.envelope import FAILURE, SUCCESS
from mall_contracts.common import messages as common
from mall_contracts.customers import messages
from mall_contracts.customers.subjects import CUSTOMER_COMMANDS
from tests.support.contract_consumer import RecordingConsumer
from tests.support.contract_pacts import PactRecorder, run_sync
from tests.support.contract_saga import SagaCommands, assert_answered, expect_command
from tests.support.cores import CustomersCore, build_customers_core
from tests.support.cosec_saga import STARTED

CONSUMER, PROVIDER = "customers", "cosec"
CUSTOMER_ID = "customer-id"
ENABLED = "an AuthorizeCustomer command for an enabled customer"
DISABLED = "an AuthorizeCustomer command for a disabled customer"
UNKNOWN = "an AuthorizeCustomer command for an unknown customer"


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

    def seed(self, *, enabled: bool) -> None:
        customer = Customer.register(CUSTOMER_ID, "Ann", "555-0100")
        if not enabled:
            customer.disable()
        run_sync(self.core.store.save(customer))
        self.seeded = dict(self.core.store.rows)

    def assert_nothing_recorded(self) -> None:
        """Authorizing is a check: the customers are as seeded and nothing was published."""
        assert self.core.store.rows == self.seeded
        assert self.core.sink.sent == []


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    scratch: Path = tmp_path_factory.mktemp("pacts")
    recorder = PactRecorder(CONSUMER, PROVIDER, scratch, (ENABLED, DISABLED, UNKNOWN))
    yield recorder
    recorder.publish()


@pytest.fixture
def customers() -> Customers:
    return Customers.build()


def authorize(description: str) -> Pact:
    pact = Pact(CONSUMER, PROVIDER).with_specification("V4")
    body = {"id": match.str(CUSTOMER_ID)}
    name = messages.AUTHORIZE_CUSTOMER
    return expect_command(pact, description, STARTED, CUSTOMER_COMMANDS, name, body)


def test_an_enabled_customer_is_authorized(recorder: PactRecorder, customers: Customers) -> None:
    customers.seed(enabled=True)
    pact = authorize(ENABLED)
    pact.verify(customers.commands.receive, "Async")
    assert_answered(customers.commands.reply(), common.SUCCESS, SUCCESS, {})
    customers.assert_nothing_recorded()
    recorder.record(pact)


def test_a_disabled_customer_is_not_authorized(
    recorder: PactRecorder, customers: Customers
) -> None:
    customers.seed(enabled=False)
    pact = authorize(DISABLED)
    pact.verify(customers.commands.receive, "Async")
    why = {"message": "customer is not authorized"}
    assert_answered(customers.commands.reply(), common.FAILURE, FAILURE, why)
    customers.assert_nothing_recorded()
    recorder.record(pact)


def test_an_unknown_customer_is_not_authorized(
    recorder: PactRecorder, customers: Customers
) -> None:
    pact = authorize(UNKNOWN)
    pact.verify(customers.commands.receive, "Async")
    why = {"message": "customer with that ID does not exist"}
    assert_answered(customers.commands.reply(), common.FAILURE, FAILURE, why)
    customers.assert_nothing_recorded()
    recorder.record(pact)
