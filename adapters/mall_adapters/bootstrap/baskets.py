"""Wiring of Shopping Baskets."""

from __future__ import annotations

from dependency_injector import containers, providers

from mall.baskets.application.cache_handlers import BasketsCacheHandlers
from mall.baskets.application.deps import BasketsDeps
from mall.baskets.application.lookup import CatalogLookup
from mall.baskets.application.service import BasketsService
from mall.baskets.domain.basket import Basket
from mall.baskets.translate import BasketEventsTranslator
from mall.kernel.repository import DispatchingRepository
from mall_adapters.bootstrap.infrastructure import MessagingKit
from mall_adapters.http.generated.baskets import build_baskets_routes
from mall_adapters.messaging.generated.baskets import (
    NatsBasketsRequests,
    OutboxBasketsPublisher,
    build_baskets_router,
)
from mall_adapters.observability.metrics import BusinessCounters
from mall_adapters.postgres.baskets import PostgresProductCache, PostgresStoreCache
from mall_adapters.postgres.event_store import PostgresEventStore
from mall_adapters.postgres.unit_of_work import transactional

COUNTERS = {
    "start_basket": "baskets_started_count",
    "checkout_basket": "baskets_checked_out_count",
    "cancel_basket": "baskets_canceled_count",
}


class BasketsContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()
    kit = providers.Container(MessagingKit, infra=infra, module="baskets")
    snapshot_every = infra.settings.provided.snapshot_every

    publisher = providers.Singleton(OutboxBasketsPublisher, kit.sink)
    store_cache = providers.Singleton(PostgresStoreCache, infra.db)
    product_cache = providers.Singleton(PostgresProductCache, infra.db)
    requests = providers.Singleton(NatsBasketsRequests, infra.requester)
    baskets = providers.Singleton(
        DispatchingRepository,
        providers.Singleton(PostgresEventStore, infra.db, "baskets", Basket, snapshot_every),
        providers.List(providers.Singleton(BasketEventsTranslator, publisher)),
    )
    lookup = providers.Singleton(CatalogLookup, store_cache, product_cache, requests)
    deps = providers.Singleton(BasketsDeps, baskets=baskets, lookup=lookup, ids=infra.ids)
    counters = providers.Singleton(BusinessCounters, infra.registry, COUNTERS)
    api = providers.Singleton(
        transactional,
        providers.Singleton(BasketsService, deps),
        infra.db,
        counters.provided.succeeded,
    )
    routes = providers.Singleton(build_baskets_routes, api)
    router = providers.Singleton(
        build_baskets_router,
        providers.Singleton(BasketsCacheHandlers, store_cache, product_cache),
        kit.consumer,
    )
