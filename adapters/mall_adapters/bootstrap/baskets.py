"""Wiring of Shopping Baskets."""

from __future__ import annotations

from dependency_injector import containers, providers

from mall.baskets.application.commands import (
    AddItem,
    CancelBasket,
    CheckoutBasket,
    RemoveItem,
    StartBasket,
)
from mall.baskets.application.lookup import CatalogLookup
from mall.baskets.application.policies import BasketsPolicies
from mall.baskets.application.queries import GetBasket
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
from mall_adapters.observability.metrics import counted
from mall_adapters.postgres.baskets import PostgresProductCache, PostgresStoreCache
from mall_adapters.postgres.event_store import PostgresEventStore
from mall_contracts.baskets.ports import BasketsEndpoints

COUNTERS = {
    "start_basket": "baskets_started_count",
    "checkout_basket": "baskets_checked_out_count",
    "cancel_basket": "baskets_canceled_count",
}


class BasketsContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()
    kit = providers.Container(MessagingKit, infra=infra, module="baskets")
    uow = infra.uow

    # Driven adapters (unit tests override these with the in-memory ones).
    events = providers.Singleton(
        PostgresEventStore, infra.db, "baskets", Basket, infra.settings.provided.snapshot_every
    )
    store_cache = providers.Singleton(PostgresStoreCache, infra.db)
    product_cache = providers.Singleton(PostgresProductCache, infra.db)
    requests = providers.Singleton(NatsBasketsRequests, infra.requester)

    # The core.
    publisher = providers.Singleton(OutboxBasketsPublisher, kit.sink)
    baskets = providers.Singleton(
        DispatchingRepository,
        events,
        providers.List(providers.Singleton(BasketEventsTranslator, publisher)),
    )
    catalog = providers.Singleton(CatalogLookup, uow, store_cache, product_cache, requests)
    api = providers.Singleton(
        BasketsEndpoints,
        start_basket=providers.Singleton(StartBasket, uow, baskets, infra.ids),
        get_basket=providers.Singleton(GetBasket, baskets),
        cancel_basket=providers.Singleton(CancelBasket, uow, baskets),
        checkout_basket=providers.Singleton(CheckoutBasket, uow, baskets),
        add_item=providers.Singleton(AddItem, uow, baskets, catalog),
        remove_item=providers.Singleton(RemoveItem, uow, baskets),
    )
    policies = providers.Singleton(BasketsPolicies, uow, store_cache, product_cache)

    # Bindings.
    routes = providers.Singleton(
        build_baskets_routes,
        providers.Singleton(counted, api, infra.registry, COUNTERS),
        kit.idempotent,
    )
    router = providers.Singleton(build_baskets_router, policies, kit.consumer)
