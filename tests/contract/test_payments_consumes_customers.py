"""Consumer side of `pacts/payments-customers.json`: the GetCustomer look-up payments sends
(NATS request/reply) and the replies it understands.

Each interaction drives the real `AuthorizePayment` through the production wiring: the
generated `NatsPaymentsRequests` sends its query to a requester that checks it against the
pact's request and answers with the pact's response, decoded by its message name as the
NATS requester does.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import pytest
from dependency_injector import providers
from pact import Pact, match

from mall.kernel.errors import NotFoundError
from mall_adapters.messaging.binding import Requester
from mall_contracts.common import messages as common
from mall_contracts.customers import messages
from mall_contracts.customers.subjects import GET_CUSTOMER
from mall_contracts.payments import http
from tests.support.contract_pacts import PactRecorder, run_sync
from tests.support.cores import memory_infrastructure, memory_payments

CONSUMER, PROVIDER = "payments", "customers"
KNOWN = "a GetCustomer query for a registered customer"
UNKNOWN = "a GetCustomer query for an unknown customer"


@dataclass(frozen=True)
class Exchange:
    """One synchronous interaction, copied out of the pact: what the consumer must send and
    the reply it gets (its message name and body)."""

    query: object
    reply_name: str
    reply: bytes

    @classmethod
    def only(cls, pact: Pact) -> Exchange:
        """The pact's one Sync interaction (read while pact-python's iterator is alive)."""
        found = []
        for message in pact.interactions("Sync"):
            [response] = list(message.response_contents)
            names = {pair.key: _value(pair.value) for pair in response.metadata}
            found.append(
                cls(
                    json.loads(message.request_contents.contents or "null"),
                    str(names["name"]),
                    _bytes(response.contents),
                )
            )
        [exchange] = found
        return exchange


def _value(text: str) -> object:
    """A metadata value: JSON when it parses, else the text (as pact-python reads them)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def _bytes(contents: str | bytes | None) -> bytes:
    return contents.encode() if isinstance(contents, str) else contents or b""


class PactRequester(Requester):
    """Answers a query with the reply of one pact exchange, decoded by its message name as
    the NATS requester does."""

    def __init__(self, exchange: Exchange) -> None:
        self._exchange = exchange
        self.asked: list[tuple[str, str, Any]] = []

    async def request(
        self,
        subject: str,
        name: str,
        query: msgspec.Struct,
        replies: Mapping[str, type[msgspec.Struct]],
    ) -> msgspec.Struct:
        self.asked.append((subject, name, json.loads(msgspec.json.encode(query))))
        reply_type = replies[self._exchange.reply_name]
        return msgspec.json.decode(self._exchange.reply, type=reply_type)


def expect_query(
    pact: Pact, description: str, reply: str, body: dict[str, Any], *, known: bool
) -> None:
    """The query for `customer-id`; a known customer is the provider state "a customer
    exists"."""
    interaction = pact.upon_receiving(description, "Sync")
    if known:
        interaction.given("a customer exists", {"id": "customer-id"})
    (
        interaction.with_body({"id": match.str("customer-id")}, content_type="application/json")
        .with_metadata({"subject": GET_CUSTOMER, "name": messages.GET_CUSTOMER})
        .will_respond_with()
        .with_body(body, content_type="application/json")
        .with_metadata({"name": reply})
    )


def customers_pact() -> Pact:
    return Pact(CONSUMER, PROVIDER).with_specification("V4")


def authorize(pact: Pact) -> tuple[PactRequester, http.AuthorizePaymentResponse | Exception]:
    """Authorize a payment for the pact's customer; the requester and the outcome."""
    exchange = Exchange.only(pact)
    assert exchange.query == {"id": "customer-id"}
    requester = PactRequester(exchange)
    infra = memory_infrastructure()
    infra.requester.override(providers.Object(requester))
    api = memory_payments(infra).api()
    body = http.AuthorizePaymentRequest(customer_id="customer-id", amount=10.0)
    try:
        return requester, run_sync(api.authorize_payment(body))
    except NotFoundError as error:
        return requester, error


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    scratch: Path = tmp_path_factory.mktemp("pacts")
    recorder = PactRecorder(CONSUMER, PROVIDER, scratch, (KNOWN, UNKNOWN))
    yield recorder
    recorder.publish()


def test_a_registered_customer_may_authorize_a_payment(recorder: PactRecorder) -> None:
    pact = customers_pact()
    expect_query(
        pact,
        KNOWN,
        messages.GET_CUSTOMER_REPLY,
        {
            "customer": {
                "id": match.str("customer-id"),
                "name": match.str("Ann"),
                "sms_number": match.str("555-0100"),
                "enabled": match.bool(True),
                "version": match.int(1),
            }
        },
        known=True,
    )
    requester, outcome = authorize(pact)
    assert requester.asked == [(GET_CUSTOMER, messages.GET_CUSTOMER, {"id": "customer-id"})]
    assert isinstance(outcome, http.AuthorizePaymentResponse) and outcome.id
    recorder.record(pact)


def test_an_unknown_customer_is_not_found(recorder: PactRecorder) -> None:
    pact = customers_pact()
    expect_query(
        pact,
        UNKNOWN,
        common.NOT_FOUND,
        {"message": match.str("customer with that ID does not exist")},
        known=False,
    )
    requester, outcome = authorize(pact)
    assert requester.asked == [(GET_CUSTOMER, messages.GET_CUSTOMER, {"id": "customer-id"})]
    assert isinstance(outcome, NotFoundError)
    assert outcome.message == "customer with that ID does not exist"
    recorder.record(pact)
