"""The domain cores for unit and contract tests, built by the production containers with
their driven adapters overridden by the in-memory ones (never re-wired by hand)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from dependency_injector import providers

from mall.baskets.application.policies import BasketsPolicies
from mall.baskets.domain.basket import Basket
from mall.customers.application.queries import CustomersQueryHandlers
from mall.search.application.policies import SearchPolicies
from mall.stores.application.queries import StoresQueryHandlers
from mall.stores.domain.product import Product
from mall.stores.domain.store import Store
from mall_adapters.bootstrap.baskets import BasketsContainer
from mall_adapters.bootstrap.customers import CustomersContainer
from mall_adapters.bootstrap.infrastructure import Infrastructure
from mall_adapters.bootstrap.search import SearchContainer
from mall_adapters.bootstrap.settings import Settings
from mall_adapters.bootstrap.stores import StoresContainer
from mall_adapters.memory import search as search_memory
from mall_adapters.memory.baskets import (
    InMemoryProductCache,
    InMemoryStoreCache,
    LoopbackStoresRequests,
)
from mall_adapters.memory.customers import InMemoryCustomerRepository
from mall_adapters.memory.event_store import InMemoryEventStore
from mall_adapters.memory.messaging import RecordingSink
from mall_adapters.memory.stores import InMemoryCatalogReadModel, InMemoryMallReadModel
from mall_adapters.memory.system import FixedClock, SequentialIds
from mall_adapters.memory.unit_of_work import InMemoryUnitOfWork
from mall_contracts.baskets.ports import BasketsApi
from mall_contracts.common.messages import Success
from mall_contracts.customers import messages as customers_messages
from mall_contracts.customers.ports import CustomersApi
from mall_contracts.search.ports import SearchApi
from mall_contracts.stores.ports import StoresApi


def memory_infrastructure() -> Infrastructure:
    infra = Infrastructure(settings=Settings())
    infra.uow.override(providers.Singleton(InMemoryUnitOfWork))
    infra.ids.override(providers.Singleton(SequentialIds))
    infra.clock.override(providers.Singleton(FixedClock))
    return infra


@dataclass
class StoresCore:
    service: StoresApi
    queries: StoresQueryHandlers
    sink: RecordingSink
    mall: InMemoryMallReadModel
    catalog: InMemoryCatalogReadModel


def build_stores_core(infra: Infrastructure | None = None) -> StoresCore:
    container = StoresContainer(infra=infra or memory_infrastructure())
    container.kit.sink.override(providers.Singleton(RecordingSink))
    container.store_events.override(providers.Singleton(InMemoryEventStore, Store))
    container.product_events.override(providers.Singleton(InMemoryEventStore, Product))
    container.mall.override(providers.Singleton(InMemoryMallReadModel))
    container.catalog.override(providers.Singleton(InMemoryCatalogReadModel))
    return StoresCore(
        container.api(),
        container.responders(),
        container.kit.sink(),
        container.mall(),
        container.catalog(),
    )


@dataclass
class CustomersCore:
    service: CustomersApi
    queries: CustomersQueryHandlers
    authorize: Callable[[str], Awaitable[Success]]
    sink: RecordingSink
    store: InMemoryCustomerRepository


def build_customers_core() -> CustomersCore:
    container = CustomersContainer(infra=memory_infrastructure())
    container.kit.sink.override(providers.Singleton(RecordingSink))
    container.records.override(providers.Singleton(InMemoryCustomerRepository))
    return CustomersCore(
        container.api(),
        container.responders(),
        lambda customer_id: container.responders().authorize_customer(
            customers_messages.AuthorizeCustomer(id=customer_id)
        ),
        container.kit.sink(),
        container.records(),
    )


@dataclass
class BasketsCore:
    service: BasketsApi
    handlers: BasketsPolicies
    sink: RecordingSink
    events: InMemoryEventStore[Basket]
    store_cache: InMemoryStoreCache
    product_cache: InMemoryProductCache
    requests: LoopbackStoresRequests
    stores: StoresCore


def build_baskets_core() -> BasketsCore:
    """Baskets with its look-ups answered by a real stores core (in memory too)."""
    infra = memory_infrastructure()
    stores = build_stores_core(infra)
    container = BasketsContainer(infra=infra)
    container.kit.sink.override(providers.Singleton(RecordingSink))
    container.events.override(providers.Singleton(InMemoryEventStore, Basket))
    container.store_cache.override(providers.Singleton(InMemoryStoreCache))
    container.product_cache.override(providers.Singleton(InMemoryProductCache))
    container.requests.override(providers.Singleton(LoopbackStoresRequests, stores.queries))
    return BasketsCore(
        container.api(),
        container.policies(),
        container.kit.sink(),
        container.events(),
        container.store_cache(),
        container.product_cache(),
        container.requests(),
        stores,
    )


@dataclass
class SearchCore:
    service: SearchApi
    handlers: SearchPolicies
    clock: FixedClock
    customer_cache: search_memory.InMemoryCustomerCache
    store_cache: search_memory.InMemoryStoreCache
    product_cache: search_memory.InMemoryProductCache
    orders: search_memory.InMemoryOrderReadModel
    requests: search_memory.LoopbackSearchRequests
    customers: CustomersCore
    stores: StoresCore


def build_search_core() -> SearchCore:
    """Search with its look-ups answered by real customers and stores cores (in memory too)."""
    infra = memory_infrastructure()
    customers = build_customers_core()
    stores = build_stores_core(infra)
    container = SearchContainer(infra=infra)
    container.customer_cache.override(providers.Singleton(search_memory.InMemoryCustomerCache))
    container.store_cache.override(providers.Singleton(search_memory.InMemoryStoreCache))
    container.product_cache.override(providers.Singleton(search_memory.InMemoryProductCache))
    container.orders.override(providers.Singleton(search_memory.InMemoryOrderReadModel))
    container.requests.override(
        providers.Singleton(search_memory.LoopbackSearchRequests, customers.queries, stores.queries)
    )
    return SearchCore(
        container.api(),
        container.policies(),
        infra.clock(),
        container.customer_cache(),
        container.store_cache(),
        container.product_cache(),
        container.orders(),
        container.requests(),
        customers,
        stores,
    )
