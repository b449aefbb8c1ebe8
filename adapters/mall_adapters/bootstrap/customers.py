"""Wiring of Customers."""

from __future__ import annotations

from dependency_injector import containers, providers

from mall.customers.application import commands, queries
from mall.customers.translate import CustomerEventsTranslator
from mall.kernel.repository import DispatchingRepository
from mall_adapters.bootstrap.infrastructure import MessagingKit
from mall_adapters.http.generated.customers import build_customers_routes
from mall_adapters.messaging.generated.customers import (
    OutboxCustomersPublisher,
    build_customers_router,
)
from mall_adapters.observability.metrics import counted
from mall_adapters.postgres.customers import PostgresCustomerRepository
from mall_contracts.customers.ports import CustomersEndpoints

COUNTERS = {"register_customer": "customers_registered_count"}


class CustomersContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()
    kit = providers.Container(MessagingKit, infra=infra, module="customers")
    uow = infra.uow

    # Driven adapters (unit tests override these with the in-memory ones).
    records = providers.Singleton(PostgresCustomerRepository, infra.db)

    # The core.
    publisher = providers.Singleton(OutboxCustomersPublisher, kit.sink)
    customers = providers.Singleton(
        DispatchingRepository,
        records,
        providers.List(providers.Singleton(CustomerEventsTranslator, publisher)),
    )
    api = providers.Singleton(
        CustomersEndpoints,
        register_customer=providers.Singleton(commands.RegisterCustomer, uow, customers, infra.ids),
        get_customer=providers.Singleton(queries.GetCustomer, customers),
        change_sms_number=providers.Singleton(commands.ChangeSmsNumber, uow, customers),
        enable_customer=providers.Singleton(commands.EnableCustomer, uow, customers),
        disable_customer=providers.Singleton(commands.DisableCustomer, uow, customers),
    )
    responders = providers.Singleton(queries.CustomersQueryHandlers, customers)

    # Bindings.
    routes = providers.Singleton(
        build_customers_routes,
        providers.Singleton(counted, api, infra.registry, COUNTERS),
        kit.idempotent,
    )
    router = providers.Singleton(build_customers_router, responders, kit.consumer)
