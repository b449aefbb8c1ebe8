"""Provider side of the stores pacts: stores publishes the store and product events baskets,
depot and search expect, and answers their GetStore/GetProduct look-ups.

Every event is produced by the real stores core (in-memory adapters) running the use case
that publishes it. Every look-up is answered by the real `StoresQueryHandlers` as bound by
the generated router, for the id in the pact's request; the provider states "a store exists"
and "a product exists" create it through the real use cases under the id the pact names.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from mall_adapters.messaging.generated.stores import build_stores_router
from mall_contracts.stores import http
from tests.support.contract_message_provider import ChosenIdsCore, MessageProvider, Params
from tests.support.cores import StoresCore, build_stores_core

PACT_FILES = ("baskets-stores.json", "depot-stores.json", "search-stores.json")


class Stores(ChosenIdsCore[StoresCore]):
    def __init__(self) -> None:
        super().__init__(build_stores_core)

    async def create_store(self) -> str:
        body = http.CreateStoreRequest(name="NewStore", location="NewLocation")
        return (await self.core.service.create_store(body)).id

    async def add_product(self) -> str:
        store_id = await self.create_store()
        body = http.AddProductRequest(
            name="TheProduct", description="A product", sku="sku-1", price=10.0
        )
        return (await self.core.service.add_product(store_id, body)).id


async def a_store_exists(stores: Stores, params: Params) -> None:
    stores.ids.choose(str(params["id"]))
    await stores.create_store()


async def a_product_exists(stores: Stores, params: Params) -> None:
    stores.ids.choose(str(params.get("storeId", "store-id")), str(params["id"]))
    await stores.add_product()


async def store_created(stores: Stores) -> None:
    await stores.create_store()


async def store_rebranded(stores: Stores) -> None:
    store_id = await stores.create_store()
    body = http.RebrandStoreRequest(name="RebrandedStore")
    await stores.core.service.rebrand_store(store_id, body)


async def product_added(stores: Stores) -> None:
    await stores.add_product()


async def product_rebranded(stores: Stores) -> None:
    product_id = await stores.add_product()
    body = http.RebrandProductRequest(name="RebrandedProduct", description="A rebranded product")
    await stores.core.service.rebrand_product(product_id, body)


async def product_price_increased(stores: Stores) -> None:
    product_id = await stores.add_product()
    body = http.ChangeProductPriceRequest(price=12.5)
    await stores.core.service.increase_product_price(product_id, body)


async def product_price_decreased(stores: Stores) -> None:
    product_id = await stores.add_product()
    body = http.ChangeProductPriceRequest(price=7.5)
    await stores.core.service.decrease_product_price(product_id, body)


async def product_removed(stores: Stores) -> None:
    await stores.core.service.remove_product(await stores.add_product())


STORES = MessageProvider(
    "stores",
    Stores,
    events={
        "a StoreCreated message": store_created,
        "a StoreRebranded message": store_rebranded,
        "a ProductAdded message": product_added,
        "a ProductRebranded message": product_rebranded,
        "a ProductPriceIncreased message": product_price_increased,
        "a ProductPriceDecreased message": product_price_decreased,
        "a ProductRemoved message": product_removed,
    },
    states={"a store exists": a_store_exists, "a product exists": a_product_exists},
    answers=lambda stores, consumer: build_stores_router(stores.core.queries, consumer),
)


@pytest.mark.parametrize("pact_file", PACT_FILES)
def test_stores_honours_the_pact(pact_file: str) -> None:
    STORES.verify(pact_file)


def test_a_message_that_drifted_fails_the_verification() -> None:
    drifted = replace(STORES, events={**STORES.events, "a StoreCreated message": store_rebranded})
    with pytest.raises(pytest.fail.Exception) as failed:
        drifted.verify("baskets-stores.json", committed=True)
    assert "'storesapi.StoreRebranded' to be equal to 'storesapi.StoreCreated'" in str(failed.value)
    assert "There were 1 pact failures" in str(failed.value)


def test_a_look_up_without_its_provider_state_fails_the_verification() -> None:
    with pytest.raises(pytest.fail.Exception) as failed:
        replace(STORES, states={}).verify("search-stores.json", committed=True)
    report = str(failed.value)
    assert "stores knows no provider state 'a store exists'" in report
    assert "stores knows no provider state 'a product exists'" in report
    assert "There were 2 pact failures" in report
