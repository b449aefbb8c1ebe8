"""Consumer side of `pacts/payments-customers.json`: the GetCustomer look-up payments sends
(NATS request/reply) and the replies it understands.

Each interaction drives the real `AuthorizePayment` through the production wiring: the
generated `NatsPaymentsRequests` sends its query to a requester that checks it against the
pact's request and answers with the pact's response, decoded by its message name as the
NATS requester does.
"""

from __future__ import annotations

from typing import Any

from dependency_injector import providers
from pact import Pact, match

from mall.kernel.errors import NotFoundError
from mall_contracts.common import messages as common
from mall_contracts.customers import messages
from mall_contracts.customers.subjects import GET_CUSTOMER
from mall_contracts.payments import http
from tests.support.contract_lookups import InteractionRequester, interaction_requesters
from tests.support.contract_pacts import PactRecorder, pact_recorder, run_sync
from tests.support.cores import memory_infrastructure, memory_payments

KNOWN = "a GetCustomer query for a registered customer"
UNKNOWN = "a GetCustomer query for an unknown customer"
recorder = pact_recorder("payments", "customers", [KNOWN, UNKNOWN])
ASKED = [(GET_CUSTOMER, messages.GET_CUSTOMER, {"id": "customer-id"})]


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


def authorize(pact: Pact) -> tuple[list[Any], http.AuthorizePaymentResponse | NotFoundError]:
    """Authorize a payment for the pact's customer, its look-up answered by the pact's one
    interaction: the queries payments sent, and the outcome."""
    for requester in interaction_requesters(pact):  # its one interaction
        outcome = _authorize(requester)
        return requester.asked, outcome
    raise AssertionError("the pact has no synchronous interaction")


def _authorize(requester: InteractionRequester) -> http.AuthorizePaymentResponse | NotFoundError:
    infra = memory_infrastructure()
    infra.requester.override(providers.Object(requester))
    api = memory_payments(infra).api()
    body = http.AuthorizePaymentRequest(customer_id="customer-id", amount=10.0)
    try:
        return run_sync(api.authorize_payment(body))
    except NotFoundError as error:
        return error


def test_a_registered_customer_may_authorize_a_payment(recorder: PactRecorder) -> None:
    pact = recorder.new_pact()
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
    asked, outcome = authorize(pact)
    assert asked == ASKED
    assert isinstance(outcome, http.AuthorizePaymentResponse) and outcome.id
    recorder.record(pact)


def test_an_unknown_customer_is_not_found(recorder: PactRecorder) -> None:
    pact = recorder.new_pact()
    expect_query(
        pact,
        UNKNOWN,
        common.NOT_FOUND,
        {"message": match.str("customer with that ID does not exist")},
        known=False,
    )
    asked, outcome = authorize(pact)
    assert asked == ASKED
    assert isinstance(outcome, NotFoundError)
    assert outcome.message == "customer with that ID does not exist"
    recorder.record(pact)
