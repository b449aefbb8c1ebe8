"""Consumer side of `pacts/search-customers.json`: the customers event search caches and the
GetCustomer look-up it sends on a cache miss."""

from __future__ import annotations

import pytest
from pact import match

from mall.search.ports import CachedCustomer
from mall_contracts.common import messages as common
from mall_contracts.customers import messages
from mall_contracts.customers.subjects import CUSTOMER_EVENTS, GET_CUSTOMER
from tests.contract.search_consumer import SearchConsumer
from tests.support.contract_consumer import expect_message
from tests.support.contract_lookups import expect_reply
from tests.support.contract_pacts import PactRecorder, pact_recorder, run_sync

DESCRIPTIONS = (
    "a CustomerRegistered message",
    "a GetCustomer query",
    "a GetCustomer query for an unknown customer",
)
recorder = pact_recorder("search", "customers", DESCRIPTIONS)


@pytest.fixture
def search() -> SearchConsumer:
    return SearchConsumer()


def test_customer_registered_caches_the_name(
    recorder: PactRecorder, search: SearchConsumer
) -> None:
    pact = expect_message(
        recorder.new_pact(),
        "a CustomerRegistered message",
        CUSTOMER_EVENTS,
        messages.CUSTOMER_REGISTERED,
        {
            "id": match.str("customer-id"),
            "name": match.str("Ann"),
            "sms_number": match.str("555-0100"),
            "version": match.int(1),
        },
    )
    pact.verify(search.receive, "Async")
    cached = run_sync(search.core.customer_cache.find("customer-id"))
    assert cached == CachedCustomer("customer-id", "Ann", 1)
    recorder.record(pact)


def test_get_customer_fills_the_cache(recorder: PactRecorder, search: SearchConsumer) -> None:
    pact = expect_reply(
        recorder.new_pact(),
        "a GetCustomer query",
        (GET_CUSTOMER, messages.GET_CUSTOMER, {"id": "customer-id"}),
        (
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
        ),
        given=("a customer exists", {"id": "customer-id"}),
    )
    found = search.look_up(pact, lambda names: names.customer("customer-id"))
    assert found == [CachedCustomer("customer-id", "Ann", 1)]
    assert run_sync(search.core.customer_cache.find("customer-id")) == found[0]
    recorder.record(pact)


def test_an_unknown_customer_has_no_name(recorder: PactRecorder, search: SearchConsumer) -> None:
    pact = expect_reply(
        recorder.new_pact(),
        "a GetCustomer query for an unknown customer",
        (GET_CUSTOMER, messages.GET_CUSTOMER, {"id": "unknown-id"}),
        (common.NOT_FOUND, {"message": match.str("customer with that ID does not exist")}),
    )
    assert search.look_up(pact, lambda names: names.customer("unknown-id")) == [None]
    assert run_sync(search.core.customer_cache.find("unknown-id")) is None
    recorder.record(pact)
