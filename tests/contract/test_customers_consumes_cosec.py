"""Consumer side of `pacts/customers-cosec.json`: the saga's AuthorizeCustomer, which customers
answers on the reply subject the command names, for the command and saga it came from.

The example command is delivered with its headers through customers' command route and the
real command processor (in memory), as its JetStream command consumer runs it; the tests check
the reply that processor writes: `am.Success` for an enabled customer, `am.Failure` with the
reference's text for a disabled or unknown one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from pact import Pact, match

from mall.cosec.domain.create_order import SAGA_NAME
from mall.customers.domain.customer import Customer
from mall_adapters.messaging.generated.customers import build_customers_router
from mall_adapters.reliability.envelope import (
    FAILURE,
    HEADER_COMMAND_ID,
    HEADER_ID,
    HEADER_OUTCOME,
    HEADER_REPLY_TO,
    HEADER_SAGA_ID,
    HEADER_SAGA_NAME,
    SUCCESS,
    Envelope,
)
from mall_contracts.common import messages as common
from mall_contracts.cosec.subjects import CREATE_ORDER_REPLIES
from mall_contracts.customers import messages
from mall_contracts.customers.subjects import CUSTOMER_COMMANDS
from tests.support.contract_consumer import RecordingConsumer, delivered
from tests.support.contract_pacts import PactRecorder, run_sync
from tests.support.cores import build_customers_core

CONSUMER, PROVIDER = "customers", "cosec"
ENABLED = "an AuthorizeCustomer command for an enabled customer"
DISABLED = "an AuthorizeCustomer command for a disabled customer"
UNKNOWN = "an AuthorizeCustomer command for an unknown customer"


class Customers:
    def __init__(self) -> None:
        self.core = build_customers_core()
        self.consumer = RecordingConsumer()
        build_customers_router(self.core.queries, self.consumer)
        self.replies: list[Envelope] = []

    def receive(self, body: str | bytes | None, metadata: dict[str, object]) -> None:
        reply = self.consumer.process(delivered(body, metadata))
        assert reply is not None, "the command was not answered"
        self.replies.append(reply)

    def seed(self, enabled: bool) -> None:
        customer = Customer.register("customer-id", "Ann", "555-0100")
        if not enabled:
            customer.disable()
        run_sync(self.core.store.save(customer))


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    scratch: Path = tmp_path_factory.mktemp("pacts")
    recorder = PactRecorder(CONSUMER, PROVIDER, scratch, (ENABLED, DISABLED, UNKNOWN))
    yield recorder
    recorder.publish()


@pytest.fixture
def customers() -> Customers:
    return Customers()


def authorize(description: str) -> Pact:
    """The command with the headers customers answers by: its id (echoed as the command id
    of the reply), where the reply goes, and the saga it goes back to."""
    pact = Pact(CONSUMER, PROVIDER).with_specification("V4")
    (
        pact.upon_receiving(description, "Async")
        .with_body({"id": match.str("customer-id")}, content_type="application/json")
        .with_metadata(
            {
                "subject": CUSTOMER_COMMANDS,
                "name": messages.AUTHORIZE_CUSTOMER,
                "contentType": "application/json",
                HEADER_ID: match.str("command-id"),
                HEADER_REPLY_TO: match.str(CREATE_ORDER_REPLIES),
                HEADER_SAGA_ID: match.str("order-id"),
                HEADER_SAGA_NAME: match.str(SAGA_NAME),
            }
        )
    )
    return pact


def assert_answered(reply: Envelope, name: str, outcome: str) -> None:
    """A reply on the command's reply subject, naming the command, its outcome and saga."""
    assert (reply.subject, reply.name) == (CREATE_ORDER_REPLIES, name)
    assert reply.extra_headers[HEADER_COMMAND_ID] == "command-id"
    assert reply.extra_headers[HEADER_OUTCOME] == outcome
    assert reply.extra_headers[HEADER_SAGA_ID] == "order-id"
    assert reply.extra_headers[HEADER_SAGA_NAME] == SAGA_NAME


def test_an_enabled_customer_is_authorized(recorder: PactRecorder, customers: Customers) -> None:
    customers.seed(enabled=True)
    pact = authorize(ENABLED)
    pact.verify(customers.receive, "Async")
    [reply] = customers.replies
    assert_answered(reply, common.SUCCESS, SUCCESS)
    assert msgspec.json.decode(reply.data) == {}
    recorder.record(pact)


def test_a_disabled_customer_is_not_authorized(
    recorder: PactRecorder, customers: Customers
) -> None:
    customers.seed(enabled=False)
    pact = authorize(DISABLED)
    pact.verify(customers.receive, "Async")
    [reply] = customers.replies
    assert_answered(reply, common.FAILURE, FAILURE)
    assert msgspec.json.decode(reply.data) == {"message": "customer is not authorized"}
    recorder.record(pact)


def test_an_unknown_customer_is_not_authorized(
    recorder: PactRecorder, customers: Customers
) -> None:
    pact = authorize(UNKNOWN)
    pact.verify(customers.receive, "Async")
    [reply] = customers.replies
    assert_answered(reply, common.FAILURE, FAILURE)
    assert msgspec.json.decode(reply.data) == {"message": "customer with that ID does not exist"}
    recorder.record(pact)
