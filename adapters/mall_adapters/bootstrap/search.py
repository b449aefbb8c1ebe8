"""Wiring of Search."""

from __future__ import annotations

from dependency_injector import containers, providers

from mall.search.application.lookup import NameLookup
from mall.search.application.policies import SearchPolicies
from mall.search.application.queries import GetOrder, SearchOrders
from mall_adapters.bootstrap.infrastructure import MessagingKit
from mall_adapters.http.generated.search import build_search_routes
from mall_adapters.messaging.generated.search import NatsSearchRequests, build_search_router
from mall_adapters.postgres.search import (
    PostgresCustomerCache,
    PostgresOrderReadModel,
    PostgresProductCache,
    PostgresStoreCache,
)
from mall_contracts.search.ports import SearchEndpoints


class SearchContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()
    kit = providers.Container(MessagingKit, infra=infra, module="search")
    uow = infra.uow

    # Driven adapters (unit tests override these with the in-memory ones).
    customer_cache = providers.Singleton(PostgresCustomerCache, infra.db)
    store_cache = providers.Singleton(PostgresStoreCache, infra.db)
    product_cache = providers.Singleton(PostgresProductCache, infra.db)
    orders = providers.Singleton(PostgresOrderReadModel, infra.db)
    requests = providers.Singleton(NatsSearchRequests, infra.requester)

    # The core.
    names = providers.Singleton(
        NameLookup, uow, customer_cache, store_cache, product_cache, requests
    )
    api = providers.Singleton(
        SearchEndpoints,
        search_orders=providers.Singleton(SearchOrders, orders),
        get_order=providers.Singleton(GetOrder, orders),
    )
    policies = providers.Singleton(
        SearchPolicies,
        uow,
        customer_cache,
        store_cache,
        product_cache,
        orders,
        names,
        infra.clock,
    )

    # Bindings.
    routes = providers.Singleton(build_search_routes, api)
    router = providers.Singleton(build_search_router, policies, kit.consumer)
