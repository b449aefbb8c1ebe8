"""Wiring of Depot Operations."""

from __future__ import annotations

from dependency_injector import containers, providers

from mall.depot.application import commands, queries
from mall.depot.application.closing import CloseOrder
from mall.depot.application.lookup import StoresCatalog
from mall.depot.application.policies import DepotPolicies
from mall.depot.application.repository import DispatchingShoppingLists
from mall.depot.translate import ShoppingListEventsTranslator
from mall_adapters.bootstrap.infrastructure import MessagingKit
from mall_adapters.http.generated.depot import build_depot_routes
from mall_adapters.messaging.generated.depot import (
    NatsDepotRequests,
    OutboxDepotPublisher,
    build_depot_router,
)
from mall_adapters.postgres.depot import (
    PostgresClosedOrders,
    PostgresProductCache,
    PostgresShoppingListRepository,
    PostgresStoreCache,
)
from mall_contracts.depot.ports import DepotEndpoints


class DepotContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()
    kit = providers.Container(MessagingKit, infra=infra, module="depot")
    uow = infra.uow

    # Driven adapters (unit tests override these with the in-memory ones).
    records = providers.Singleton(PostgresShoppingListRepository, infra.db)
    closed_orders = providers.Singleton(PostgresClosedOrders, infra.db)
    store_cache = providers.Singleton(PostgresStoreCache, infra.db)
    product_cache = providers.Singleton(PostgresProductCache, infra.db)
    requests = providers.Singleton(NatsDepotRequests, infra.requester)

    # The core.
    publisher = providers.Singleton(OutboxDepotPublisher, kit.sink)
    lists = providers.Singleton(
        DispatchingShoppingLists,
        records,
        providers.List(providers.Singleton(ShoppingListEventsTranslator, publisher)),
    )
    catalog = providers.Singleton(StoresCatalog, store_cache, product_cache, requests)
    create = providers.Singleton(
        commands.CreateShoppingList, uow, lists, closed_orders, catalog, infra.ids
    )
    cancel = providers.Singleton(commands.CancelShoppingList, uow, lists)
    initiate = providers.Singleton(commands.InitiateShopping, uow, lists, closed_orders)
    api = providers.Singleton(
        DepotEndpoints,
        create_shopping_list=create,
        list_shopping_lists=providers.Singleton(queries.ListShoppingLists, lists),
        get_shopping_list=providers.Singleton(queries.GetShoppingList, lists),
        cancel_shopping_list=cancel,
        assign_shopping_list=providers.Singleton(commands.AssignShoppingList, uow, lists),
        complete_shopping_list=providers.Singleton(commands.CompleteShoppingList, uow, lists),
    )
    policies = providers.Singleton(
        DepotPolicies,
        uow,
        store_cache,
        product_cache,
        create,
        initiate,
        cancel,
        providers.Singleton(CloseOrder, uow, lists, closed_orders, infra.clock),
    )

    # Bindings.
    routes = providers.Singleton(build_depot_routes, api, kit.idempotent)
    router = providers.Singleton(build_depot_router, policies, kit.consumer)
