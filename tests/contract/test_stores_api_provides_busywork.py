"""Provider side of `pacts/busywork-stores-api.json`: the real app verified against the
simulator's pact.

Stores and products are set up as stores keeps them: event-sourced `Store` and `Product`
aggregates saved through the event store, with the mall and catalog read models projected in
the same transaction (the module's own `DispatchingRepository` and projections). The stores
tables are emptied after each interaction.
"""

from __future__ import annotations

import uuid

from mall.kernel.repository import DispatchingRepository
from mall.stores.domain.product import Product
from mall.stores.domain.store import Store
from mall.stores.projections import CatalogProjection, MallProjection
from mall_adapters.bootstrap.settings import Settings
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.event_store import PostgresEventStore
from mall_adapters.postgres.stores import PostgresCatalogReadModel, PostgresMallReadModel
from tests.support.contract_http_provider import Injected, Params, ProviderStates, verify_http_pact


async def a_store(db: Database, _: Params) -> Injected:
    """A store called "Acme Inc" without products; answers `storeId`."""
    store = Store.create(str(uuid.uuid4()), "Acme Inc", "Books")
    events = PostgresEventStore(db, "stores", Store, snapshot_every=50)
    await DispatchingRepository(events, [MallProjection(PostgresMallReadModel(db))]).save(store)
    return {"storeId": store.id}


async def a_product(db: Database, params: Params) -> Injected:
    """A product of a new store; answers `storeId` and `productId`."""
    injected = await a_store(db, params)
    product = Product.add(
        str(uuid.uuid4()), injected["storeId"], "Rustic Wooden Kite", "A kite", "rustic", 9.98
    )
    events = PostgresEventStore(db, "stores", Product, snapshot_every=50)
    projection = CatalogProjection(PostgresCatalogReadModel(db))
    await DispatchingRepository(events, [projection]).save(product)
    return {**injected, "productId": product.id}


STORES_STATES = ProviderStates(
    schemas=("stores",),
    setups={"a store exists": a_store, "a product exists": a_product},
)


def test_stores_api_honours_the_busywork_pact(settings: Settings) -> None:
    verify_http_pact(settings, "stores-api", "busywork-stores-api.json", STORES_STATES)
