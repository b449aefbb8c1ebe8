"""Provider side of `pacts/baskets-stores.json`: stores publishes what baskets expects.

Every message is produced by the real stores core (in-memory adapters): the use case runs,
and the message it sent last is what the verifier checks, encoded as it goes on the wire
(the JSON of the contract Struct) with its subject and wire name as metadata.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import msgspec
import pytest
from pact import Verifier
from pact.types import Message

from mall_contracts.stores import http
from tests.support.contract_pacts import PACTS_DIR, run_sync
from tests.support.cores import StoresCore, build_stores_core

PACT_FILE = PACTS_DIR / "baskets-stores.json"

Scenario = Callable[[StoresCore], Awaitable[None]]


async def create_store(core: StoresCore) -> str:
    body = http.CreateStoreRequest(name="NewStore", location="NewLocation")
    return (await core.service.create_store(body)).id


async def add_product(core: StoresCore) -> str:
    store_id = await create_store(core)
    body = http.AddProductRequest(
        name="TheProduct", description="A product", sku="sku-1", price=10.0
    )
    return (await core.service.add_product(store_id, body)).id


async def store_created(core: StoresCore) -> None:
    await create_store(core)


async def store_rebranded(core: StoresCore) -> None:
    store_id = await create_store(core)
    await core.service.rebrand_store(store_id, http.RebrandStoreRequest(name="RebrandedStore"))


async def product_added(core: StoresCore) -> None:
    await add_product(core)


async def product_rebranded(core: StoresCore) -> None:
    product_id = await add_product(core)
    body = http.RebrandProductRequest(name="RebrandedProduct", description="A rebranded product")
    await core.service.rebrand_product(product_id, body)


async def product_price_increased(core: StoresCore) -> None:
    product_id = await add_product(core)
    body = http.ChangeProductPriceRequest(price=12.5)
    await core.service.increase_product_price(product_id, body)


async def product_price_decreased(core: StoresCore) -> None:
    product_id = await add_product(core)
    body = http.ChangeProductPriceRequest(price=7.5)
    await core.service.decrease_product_price(product_id, body)


async def product_removed(core: StoresCore) -> None:
    await core.service.remove_product(await add_product(core))


SCENARIOS: dict[str, Scenario] = {
    "a StoreCreated message": store_created,
    "a StoreRebranded message": store_rebranded,
    "a ProductAdded message": product_added,
    "a ProductRebranded message": product_rebranded,
    "a ProductPriceIncreased message": product_price_increased,
    "a ProductPriceDecreased message": product_price_decreased,
    "a ProductRemoved message": product_removed,
}


def produce(scenario: Scenario) -> Callable[[], Message]:
    """The last message stores sent while running `scenario` on a fresh core."""

    def producer() -> Message:
        core = build_stores_core()
        run_sync(scenario(core))
        sent = core.sink.sent[-1]
        return Message(
            contents=msgspec.json.encode(sent.message),
            metadata={"subject": sent.subject, "name": sent.name},
            content_type="application/json",
        )

    return producer


def test_stores_produces_the_messages_baskets_expects() -> None:
    verifier = (
        Verifier("stores")
        .set_coloured_output(enabled=False)
        .message_handler({d: produce(s) for d, s in SCENARIOS.items()})
        .add_source(PACT_FILE)
    )
    try:
        verifier.verify()
    except RuntimeError:
        # str(): the FFI returns a str subclass that pytest cannot render.
        pytest.fail(str(verifier.output(strip_ansi=True)), pytrace=False)
