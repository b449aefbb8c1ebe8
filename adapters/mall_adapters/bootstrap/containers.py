"""The root container: infrastructure plus one container per module."""

from __future__ import annotations

from dependency_injector import containers, providers

from mall_adapters.bootstrap.baskets import BasketsContainer
from mall_adapters.bootstrap.cosec import CosecContainer
from mall_adapters.bootstrap.customers import CustomersContainer
from mall_adapters.bootstrap.depot import DepotContainer
from mall_adapters.bootstrap.infrastructure import Infrastructure
from mall_adapters.bootstrap.notifications import NotificationsContainer
from mall_adapters.bootstrap.ordering import OrderingContainer
from mall_adapters.bootstrap.payments import PaymentsContainer
from mall_adapters.bootstrap.search import SearchContainer
from mall_adapters.bootstrap.settings import Settings
from mall_adapters.bootstrap.stores import StoresContainer


class Root(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    infra = providers.Container(Infrastructure, settings=settings)
    stores = providers.Container(StoresContainer, infra=infra)
    customers = providers.Container(CustomersContainer, infra=infra)
    baskets = providers.Container(BasketsContainer, infra=infra)
    cosec = providers.Container(CosecContainer, infra=infra)
    payments = providers.Container(PaymentsContainer, infra=infra)
    ordering = providers.Container(OrderingContainer, infra=infra)
    depot = providers.Container(DepotContainer, infra=infra)
    notifications = providers.Container(NotificationsContainer, infra=infra)
    search = providers.Container(SearchContainer, infra=infra)
