"""Wiring of Store Management."""

from __future__ import annotations

from dependency_injector import containers, providers

from mall.kernel.repository import DispatchingRepository
from mall.stores.application import commands, queries
from mall.stores.domain.product import Product
from mall.stores.domain.store import Store
from mall.stores.projections import CatalogProjection, MallProjection
from mall.stores.translate import ProductEventsTranslator, StoreEventsTranslator
from mall_adapters.bootstrap.infrastructure import MessagingKit
from mall_adapters.http.generated.stores import build_stores_routes
from mall_adapters.messaging.generated.stores import OutboxStoresPublisher, build_stores_router
from mall_adapters.postgres.event_store import PostgresEventStore
from mall_adapters.postgres.stores import PostgresCatalogReadModel, PostgresMallReadModel
from mall_contracts.stores.ports import StoresEndpoints


class StoresContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()
    kit = providers.Container(MessagingKit, infra=infra, module="stores")
    uow = infra.uow
    snapshot_every = infra.settings.provided.snapshot_every

    # Driven adapters (unit tests override these with the in-memory ones).
    store_events = providers.Singleton(
        PostgresEventStore, infra.db, "stores", Store, snapshot_every
    )
    product_events = providers.Singleton(
        PostgresEventStore, infra.db, "stores", Product, snapshot_every
    )
    mall = providers.Singleton(PostgresMallReadModel, infra.db)
    catalog = providers.Singleton(PostgresCatalogReadModel, infra.db)

    # The core.
    publisher = providers.Singleton(OutboxStoresPublisher, kit.sink)
    stores = providers.Singleton(
        DispatchingRepository,
        store_events,
        providers.List(
            providers.Singleton(MallProjection, mall),
            providers.Singleton(StoreEventsTranslator, publisher),
        ),
    )
    products = providers.Singleton(
        DispatchingRepository,
        product_events,
        providers.List(
            providers.Singleton(CatalogProjection, catalog),
            providers.Singleton(ProductEventsTranslator, publisher),
        ),
    )
    api = providers.Singleton(
        StoresEndpoints,
        create_store=providers.Singleton(commands.CreateStore, uow, stores, infra.ids),
        get_stores=providers.Singleton(queries.GetStores, mall),
        get_store=providers.Singleton(queries.GetStore, mall),
        rebrand_store=providers.Singleton(commands.RebrandStore, uow, stores),
        enable_participation=providers.Singleton(commands.EnableParticipation, uow, stores),
        disable_participation=providers.Singleton(commands.DisableParticipation, uow, stores),
        get_participating_stores=providers.Singleton(queries.GetParticipatingStores, mall),
        add_product=providers.Singleton(commands.AddProduct, uow, stores, products, infra.ids),
        get_store_products=providers.Singleton(queries.GetCatalog, catalog),
        get_product=providers.Singleton(queries.GetProduct, catalog),
        rebrand_product=providers.Singleton(commands.RebrandProduct, uow, products),
        increase_product_price=providers.Singleton(commands.IncreaseProductPrice, uow, products),
        decrease_product_price=providers.Singleton(commands.DecreaseProductPrice, uow, products),
        remove_product=providers.Singleton(commands.RemoveProduct, uow, products),
    )
    responders = providers.Singleton(queries.StoresQueryHandlers, mall, catalog)

    # Bindings.
    routes = providers.Singleton(build_stores_routes, api, kit.idempotent)
    router = providers.Singleton(build_stores_router, responders, kit.consumer)
