"""Consumer side of `pacts/baskets-ui-baskets-api.json`: the baskets UI client against the
Pact mock server, with the five interactions of the reference's pact (domain spec §13.2).

The 404 example carries the real service's message ("product fallback failed: ..."), not the
reference's in-memory fake's; it is matched by type either way.
"""

from __future__ import annotations

from typing import Any

import pytest
from pact import match
from pact.interaction import HttpInteraction
from pact.match.matcher import AbstractMatcher

from tests.contract.baskets_ui_client import BasketsApiError, BasketsUiClient
from tests.support.contract_pacts import PactRecorder, pact_recorder

CONSUMER, PROVIDER = "baskets-ui", "baskets-api"
DESCRIPTIONS = (
    "a request to start a basket",
    "a request to start a basket without a customerId",
    "a request to add a product (unknown product)",
    "a request to add a product",
    "a request to add a product with a negative quantity",
)
JSON = "application/json"
BASKET_ID = "3f1d2c4b-8a6e-4f0d-9b7c-2e5a1d6c8f90"
ADD_ITEM = "/api/baskets/basket-id/addItem"

Body = dict[str, Any] | AbstractMatcher[Any]


# Spec V3, as the reference's pact file (pact-js v10) is.
recorder = pact_recorder(CONSUMER, PROVIDER, DESCRIPTIONS, specification="V3")


def request(interaction: HttpInteraction, method: str, path: str, body: dict[str, Any]) -> None:
    (
        interaction.with_request(method, path)
        .with_header("Accept", JSON)
        .with_body(body, content_type=JSON)
    )


def respond(interaction: HttpInteraction, status: int, body: Body) -> None:
    (
        interaction.will_respond_with(status)
        .with_header("Content-Type", JSON)
        .with_body(body, content_type=JSON)
    )


def with_catalog(interaction: HttpInteraction) -> HttpInteraction:
    return (
        interaction.given("a store exists")
        .given("a product exists", id="product-id")
        .given("a basket exists", id="basket-id")
    )


def error_like(message: str) -> AbstractMatcher[dict[str, str]]:
    return match.like({"message": message})


def test_start_a_basket(recorder: PactRecorder) -> None:
    pact = recorder.new_pact()
    interaction = pact.upon_receiving("a request to start a basket")
    request(interaction, "POST", "/api/baskets", {"customerId": "customer-id"})
    respond(interaction, 200, {"id": match.uuid(BASKET_ID)})

    with pact.serve(addr="127.0.0.1") as server:
        basket_id = BasketsUiClient(str(server.url)).start_basket("customer-id")

    assert basket_id == BASKET_ID
    recorder.record(pact)


def test_start_a_basket_without_a_customer(recorder: PactRecorder) -> None:
    pact = recorder.new_pact()
    interaction = pact.upon_receiving("a request to start a basket without a customerId")
    request(interaction, "POST", "/api/baskets", {"customerId": ""})
    respond(interaction, 400, error_like("the customer id cannot be blank"))

    with (
        pact.serve(addr="127.0.0.1") as server,
        pytest.raises(BasketsApiError) as raised,
    ):
        BasketsUiClient(str(server.url)).start_basket("")

    assert (raised.value.status, raised.value.message) == (400, "the customer id cannot be blank")
    recorder.record(pact)


def test_add_an_unknown_product(recorder: PactRecorder) -> None:
    pact = recorder.new_pact()
    interaction = pact.upon_receiving("a request to add a product (unknown product)").given(
        "a basket exists", id="basket-id"
    )
    request(interaction, "PUT", ADD_ITEM, {"productId": "product-id", "quantity": 1})
    respond(interaction, 404, error_like("product fallback failed: product was not located"))

    with (
        pact.serve(addr="127.0.0.1") as server,
        pytest.raises(BasketsApiError) as raised,
    ):
        BasketsUiClient(str(server.url)).add_item("basket-id", "product-id")

    assert raised.value.status == 404
    assert raised.value.message == "product fallback failed: product was not located"
    recorder.record(pact)


def test_add_a_product(recorder: PactRecorder) -> None:
    pact = recorder.new_pact()
    interaction = with_catalog(pact.upon_receiving("a request to add a product"))
    request(interaction, "PUT", ADD_ITEM, {"productId": "product-id", "quantity": 1})
    respond(interaction, 200, {})

    with pact.serve(addr="127.0.0.1") as server:
        BasketsUiClient(str(server.url)).add_item("basket-id", "product-id")

    recorder.record(pact)


def test_add_a_product_with_a_negative_quantity(recorder: PactRecorder) -> None:
    pact = recorder.new_pact()
    interaction = with_catalog(
        pact.upon_receiving("a request to add a product with a negative quantity")
    )
    request(interaction, "PUT", ADD_ITEM, {"productId": "product-id", "quantity": -1})
    respond(interaction, 400, error_like("the item quantity cannot be negative"))

    with (
        pact.serve(addr="127.0.0.1") as server,
        pytest.raises(BasketsApiError) as raised,
    ):
        BasketsUiClient(str(server.url)).add_item("basket-id", "product-id", quantity=-1)

    assert (raised.value.status, raised.value.message) == (
        400,
        "the item quantity cannot be negative",
    )
    recorder.record(pact)
