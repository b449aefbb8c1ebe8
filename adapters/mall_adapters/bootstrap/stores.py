"""Wiring of Store Management."""

from __future__ import annotations

from dependency_injector import containers, providers

from mall.kernel.repository import DispatchingRepository
from mall.stores.application.deps import StoresDeps
from mall.stores.application.service import StoresQueryHandlers, StoresService
from mall.stores.domain.product import Product
from mall.stores.domain.store import Store
from mall.stores.projections import CatalogProjection, MallProjection
from mall.stores.translate import ProductEventsTranslator, StoreEventsTranslator
from mall_adapters.bootstrap.infrastructure import MessagingKit
from mall_adapters.http.generated.stores import build_stores_routes
from mall_adapters.messaging.generated.stores import OutboxStoresPublisher, build_stores_router
from mall_adapters.postgres.event_store import PostgresEventStore
from mall_adapters.postgres.stores import PostgresCatalogReadModel, PostgresMallReadModel
from mall_adapters.postgres.unit_of_work import transactional


class StoresContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()
    kit = providers.Container(MessagingKit, infra=infra, module="stores")
    snapshot_every = infra.settings.provided.snapshot_every

    publisher = providers.Singleton(OutboxStoresPublisher, kit.sink)
    mall = providers.Singleton(PostgresMallReadModel, infra.db)
    catalog = providers.Singleton(PostgresCatalogReadModel, infra.db)
    stores = providers.Singleton(
        DispatchingRepository,
        providers.Singleton(PostgresEventStore, infra.db, "stores", Store, snapshot_every),
        providers.List(
            providers.Singleton(MallProjection, mall),
            providers.Singleton(StoreEventsTranslator, publisher),
        ),
    )
    products = providers.Singleton(
        DispatchingRepository,
        providers.Singleton(PostgresEventStore, infra.db, "stores", Product, snapshot_every),
        providers.List(
            providers.Singleton(CatalogProjection, catalog),
            providers.Singleton(ProductEventsTranslator, publisher),
        ),
    )
    deps = providers.Singleton(
        StoresDeps, stores=stores, products=products, mall=mall, catalog=catalog, ids=infra.ids
    )
    api = providers.Singleton(transactional, providers.Singleton(StoresService, deps), infra.db)
    routes = providers.Singleton(build_stores_routes, api)
    router = providers.Singleton(
        build_stores_router, providers.Singleton(StoresQueryHandlers, deps), kit.consumer
    )
