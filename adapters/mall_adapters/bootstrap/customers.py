"""Wiring of Customers."""

from __future__ import annotations

from dependency_injector import containers, providers

from mall.customers.application.authorizer import CustomerAuthorizer
from mall.customers.application.deps import CustomersDeps
from mall.customers.application.service import CustomersQueryHandlers, CustomersService
from mall.customers.translate import CustomerEventsTranslator
from mall.kernel.repository import DispatchingRepository
from mall_adapters.bootstrap.infrastructure import MessagingKit
from mall_adapters.http.generated.customers import build_customers_routes
from mall_adapters.messaging.generated.customers import (
    OutboxCustomersPublisher,
    build_customers_router,
)
from mall_adapters.observability.metrics import BusinessCounters
from mall_adapters.postgres.customers import PostgresCustomerRepository
from mall_adapters.postgres.unit_of_work import transactional

COUNTERS = {"register_customer": "customers_registered_count"}


class CustomersContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()
    kit = providers.Container(MessagingKit, infra=infra, module="customers")

    publisher = providers.Singleton(OutboxCustomersPublisher, kit.sink)
    customers = providers.Singleton(
        DispatchingRepository,
        providers.Singleton(PostgresCustomerRepository, infra.db),
        providers.List(providers.Singleton(CustomerEventsTranslator, publisher)),
    )
    deps = providers.Singleton(CustomersDeps, customers=customers, ids=infra.ids)
    counters = providers.Singleton(BusinessCounters, infra.registry, COUNTERS)
    api = providers.Singleton(
        transactional,
        providers.Singleton(CustomersService, deps),
        infra.db,
        counters.provided.succeeded,
    )
    # For the create-order saga's AuthorizeCustomer command (not routed yet).
    authorizer = providers.Singleton(CustomerAuthorizer, deps)
    routes = providers.Singleton(build_customers_routes, api)
    router = providers.Singleton(
        build_customers_router, providers.Singleton(CustomersQueryHandlers, deps), kit.consumer
    )
