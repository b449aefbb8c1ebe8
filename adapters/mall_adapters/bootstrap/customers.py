"""Wiring of Customers (being built: routes and router are empty until the module lands)."""

from __future__ import annotations

from dependency_injector import containers, providers
from faststream.nats import NatsRouter

from mall_adapters.bootstrap.infrastructure import MessagingKit


class CustomersContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()
    kit = providers.Container(MessagingKit, infra=infra, module="customers")
    routes = providers.Object([])
    router = providers.Singleton(NatsRouter)
