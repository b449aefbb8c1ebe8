"""Provider side of `pacts/busywork-baskets-api.json`: the real app verified against the
simulator's pact.

Baskets are set up as baskets keeps them: an event-sourced `Basket` in `baskets.events`
(with a line when the state asks for one); the product a shopper adds is in baskets' product
and store caches, as the stores events leave it. The baskets tables are emptied after each
interaction.
"""

from __future__ import annotations

import uuid

from mall.baskets.domain.basket import Basket
from mall.baskets.domain.events import BasketItem
from mall.baskets.ports import CachedProduct, CachedStore
from mall_adapters.bootstrap.settings import Settings
from mall_adapters.postgres.baskets import PostgresProductCache, PostgresStoreCache
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.event_store import PostgresEventStore
from tests.support.contract_http_provider import Injected, Params, ProviderStates, verify_http_pact


async def save(db: Database, basket: Basket) -> None:
    await PostgresEventStore(db, "baskets", Basket, snapshot_every=50).save(basket)


async def a_basket(db: Database, _: Params) -> Injected:
    """An open, empty basket; answers `basketId`."""
    basket = Basket.start(str(uuid.uuid4()), "customer-id")
    await save(db, basket)
    return {"basketId": basket.id}


async def a_basket_and_a_product(db: Database, params: Params) -> Injected:
    """An open basket, and a product of a store in baskets' caches; answers `basketId` and
    `productId`."""
    injected = await a_basket(db, params)
    store = CachedStore(id=str(uuid.uuid4()), name="TheStore", version=1)
    product = CachedProduct(
        id=str(uuid.uuid4()), store_id=store.id, name="TheProduct", price=9.98, version=1
    )
    await PostgresStoreCache(db).save(store)
    await PostgresProductCache(db).save(product)
    return {**injected, "productId": product.id}


async def a_basket_with_an_item(db: Database, _: Params) -> Injected:
    """An open basket holding two of one product; answers `basketId`."""
    basket = Basket.start(str(uuid.uuid4()), "customer-id")
    basket.add_item(BasketItem("store-id", "product-id", "TheStore", "TheProduct", 9.98, 2))
    await save(db, basket)
    return {"basketId": basket.id}


BASKETS_STATES = ProviderStates(
    schemas=("baskets",),
    setups={
        "a basket exists": a_basket,
        "a basket and a product exist": a_basket_and_a_product,
        "a basket with an item exists": a_basket_with_an_item,
    },
)


def test_baskets_api_honours_the_busywork_pact(settings: Settings) -> None:
    verify_http_pact(settings, "baskets-api", "busywork-baskets-api.json", BASKETS_STATES)
