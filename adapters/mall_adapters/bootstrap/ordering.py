"""Wiring of Order Processing."""

from __future__ import annotations

from dependency_injector import containers, providers

from mall.kernel.repository import DispatchingRepository
from mall.ordering.application.commands import CancelOrder, CreateOrder
from mall.ordering.application.policies import OrderingPolicies
from mall.ordering.application.queries import GetOrder
from mall.ordering.domain.order import Order
from mall.ordering.translate import OrderEventsTranslator
from mall_adapters.bootstrap.infrastructure import MessagingKit
from mall_adapters.http.generated.ordering import build_ordering_routes
from mall_adapters.messaging.generated.ordering import (
    OutboxOrderingPublisher,
    build_ordering_router,
)
from mall_adapters.postgres.event_store import PostgresEventStore
from mall_contracts.ordering.ports import OrderingEndpoints


class OrderingContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()
    kit = providers.Container(MessagingKit, infra=infra, module="ordering")
    uow = infra.uow

    # Driven adapters (unit tests override these with the in-memory ones).
    events = providers.Singleton(
        PostgresEventStore, infra.db, "ordering", Order, infra.settings.provided.snapshot_every
    )

    # The core.
    publisher = providers.Singleton(OutboxOrderingPublisher, kit.sink)
    orders = providers.Singleton(
        DispatchingRepository,
        events,
        providers.List(providers.Singleton(OrderEventsTranslator, publisher)),
    )
    api = providers.Singleton(
        OrderingEndpoints,
        create_order=providers.Singleton(CreateOrder, uow, orders, infra.ids),
        get_order=providers.Singleton(GetOrder, orders),
        cancel_order=providers.Singleton(CancelOrder, uow, orders),
    )
    handlers = providers.Singleton(OrderingPolicies, uow, orders)

    # Bindings.
    routes = providers.Singleton(build_ordering_routes, api, kit.idempotent)
    router = providers.Singleton(build_ordering_router, handlers, kit.consumer)
