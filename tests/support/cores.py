"""The domain cores for unit and contract tests, built by the production containers with
their driven adapters overridden by the in-memory ones (never re-wired by hand)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from dependency_injector import providers

from mall.baskets.application.policies import BasketsPolicies
from mall.baskets.domain.basket import Basket
from mall.cosec.application.policies import CosecPolicies
from mall.cosec.domain.create_order import CreateOrderData
from mall.customers.application.queries import CustomersQueryHandlers
from mall.depot.application.policies import DepotPolicies
from mall.kernel.ports import IdGenerator
from mall.kernel.saga.coordinator import SagaCoordinator
from mall.notifications.application.delivery import SmsDispatcher
from mall.notifications.application.policies import NotificationsPolicies
from mall.ordering.application.policies import OrderingPolicies
from mall.ordering.domain.order import Order
from mall.payments.application.policies import PaymentsPolicies
from mall.search.application.policies import SearchPolicies
from mall.stores.application.queries import StoresQueryHandlers
from mall.stores.domain.product import Product
from mall.stores.domain.store import Store
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
from mall_adapters.memory import depot as memory_depot
from mall_adapters.memory import search as search_memory
from mall_adapters.memory.baskets import (
    InMemoryProductCache,
    InMemoryStoreCache,
    LoopbackStoresRequests,
)
from mall_adapters.memory.customers import InMemoryCustomerRepository, LoopbackCustomersRequests
from mall_adapters.memory.event_store import InMemoryEventStore
from mall_adapters.memory.messaging import RecordingSink
from mall_adapters.memory.notifications import (
    InMemoryCustomerCache,
    InMemoryNotificationLog,
    RecordingSmsSender,
)
from mall_adapters.memory.payments import (
    InMemoryInvoiceRepository,
    InMemoryPaymentRepository,
)
from mall_adapters.memory.reliability import InMemoryOutbox
from mall_adapters.memory.sagas import InMemorySagaStore
from mall_adapters.memory.stores import InMemoryCatalogReadModel, InMemoryMallReadModel
from mall_adapters.memory.system import FixedClock, SequentialIds
from mall_adapters.memory.unit_of_work import InMemoryUnitOfWork
from mall_adapters.reliability.envelope import Envelope
from mall_contracts.baskets.ports import BasketsApi
from mall_contracts.common.messages import Success
from mall_contracts.customers import messages as customers_messages
from mall_contracts.customers.ports import CustomersApi
from mall_contracts.depot.ports import DepotApi
from mall_contracts.notifications.ports import NotificationsApi, NotificationsRequests
from mall_contracts.ordering.ports import OrderingApi
from mall_contracts.payments.ports import PaymentsApi
from mall_contracts.search.ports import SearchApi
from mall_contracts.stores.ports import StoresApi

T = TypeVar("T")


def overridden(provider: Callable[[], object], kind: type[T]) -> T:
    """What `provider` gives now that a `kind` overrides it (the container types it as the
    production adapter)."""
    value = provider()
    assert isinstance(value, kind), f"{type(value).__name__} is not the {kind.__name__} override"
    return value


def memory_infrastructure(ids: IdGenerator | None = None) -> Infrastructure:
    """In-memory unit of work, a fixed clock and sequential ids (or `ids`)."""
    infra = Infrastructure(settings=Settings())
    infra.uow.override(providers.Singleton(InMemoryUnitOfWork))
    infra.ids.override(providers.Object(ids) if ids else providers.Singleton(SequentialIds))
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
        overridden(container.mall, InMemoryMallReadModel),
        overridden(container.catalog, InMemoryCatalogReadModel),
    )


@dataclass
class CustomersCore:
    service: CustomersApi
    queries: CustomersQueryHandlers
    authorize: Callable[[str], Awaitable[Success]]
    sink: RecordingSink
    store: InMemoryCustomerRepository


def build_customers_core(infra: Infrastructure | None = None) -> CustomersCore:
    container = CustomersContainer(infra=infra or memory_infrastructure())
    container.kit.sink.override(providers.Singleton(RecordingSink))
    container.records.override(providers.Singleton(InMemoryCustomerRepository))
    return CustomersCore(
        container.api(),
        container.responders(),
        lambda customer_id: container.responders().authorize_customer(
            customers_messages.AuthorizeCustomer(id=customer_id)
        ),
        container.kit.sink(),
        overridden(container.records, InMemoryCustomerRepository),
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
        overridden(container.events, InMemoryEventStore),
        overridden(container.store_cache, InMemoryStoreCache),
        overridden(container.product_cache, InMemoryProductCache),
        overridden(container.requests, LoopbackStoresRequests),
        stores,
    )


@dataclass
class PaymentsCore:
    service: PaymentsApi
    handlers: PaymentsPolicies
    sink: RecordingSink
    payments: InMemoryPaymentRepository
    invoices: InMemoryInvoiceRepository
    requests: LoopbackCustomersRequests
    customers: CustomersCore


def memory_payments(infra: Infrastructure) -> PaymentsContainer:
    """The payments container on in-memory repositories and a recording sink; its look-ups
    still go through `infra.requester`."""
    container = PaymentsContainer(infra=infra)
    container.kit.sink.override(providers.Singleton(RecordingSink))
    container.payment_records.override(providers.Singleton(InMemoryPaymentRepository))
    container.invoice_records.override(providers.Singleton(InMemoryInvoiceRepository))
    return container


def build_payments_core() -> PaymentsCore:
    """Payments with its customer look-ups answered by a real customers core (in memory)."""
    infra = memory_infrastructure()
    customers = build_customers_core(infra)
    container = memory_payments(infra)
    container.requests.override(providers.Singleton(LoopbackCustomersRequests, customers.queries))
    return PaymentsCore(
        container.api(),
        container.handlers(),
        container.kit.sink(),
        overridden(container.payment_records, InMemoryPaymentRepository),
        overridden(container.invoice_records, InMemoryInvoiceRepository),
        overridden(container.requests, LoopbackCustomersRequests),
        customers,
    )


@dataclass
class OrderingCore:
    service: OrderingApi
    handlers: OrderingPolicies
    sink: RecordingSink
    events: InMemoryEventStore[Order]


def build_ordering_core() -> OrderingCore:
    container = OrderingContainer(infra=memory_infrastructure())
    container.kit.sink.override(providers.Singleton(RecordingSink))
    container.events.override(providers.Singleton(InMemoryEventStore, Order))
    return OrderingCore(
        container.api(),
        container.handlers(),
        container.kit.sink(),
        overridden(container.events, InMemoryEventStore),
    )


@dataclass
class CosecCore:
    """The create-order saga over an in-memory saga store. Its commands go through the real
    outbox sink into an in-memory outbox, so they are kept as they go on the wire."""

    handlers: CosecPolicies
    sagas: SagaCoordinator[CreateOrderData]
    store: InMemorySagaStore[CreateOrderData]
    outbox: InMemoryOutbox

    def sent(self) -> list[Envelope]:
        """Every message cosec wrote to its outbox, oldest first."""
        return [row.envelope for row in self.outbox.rows.values()]


def build_cosec_core() -> CosecCore:
    container = CosecContainer(infra=memory_infrastructure())
    container.kit.outbox.override(providers.Singleton(InMemoryOutbox, "cosec"))
    container.store.override(providers.Singleton(InMemorySagaStore[CreateOrderData]))
    return CosecCore(
        container.policies(),
        container.sagas(),
        overridden(container.store, InMemorySagaStore),
        container.kit.outbox(),
    )


@dataclass
class DepotCore:
    service: DepotApi
    handlers: DepotPolicies
    sink: RecordingSink
    records: memory_depot.InMemoryShoppingListRepository
    closed_orders: memory_depot.InMemoryClosedOrders
    store_cache: memory_depot.InMemoryStoreCache
    product_cache: memory_depot.InMemoryProductCache
    requests: LoopbackStoresRequests
    stores: StoresCore


def build_depot_core() -> DepotCore:
    """Depot with its look-ups answered by a real stores core (in memory too)."""
    infra = memory_infrastructure()
    stores = build_stores_core(infra)
    container = DepotContainer(infra=infra)
    container.kit.sink.override(providers.Singleton(RecordingSink))
    container.records.override(providers.Singleton(memory_depot.InMemoryShoppingListRepository))
    container.closed_orders.override(providers.Singleton(memory_depot.InMemoryClosedOrders))
    container.store_cache.override(providers.Singleton(memory_depot.InMemoryStoreCache))
    container.product_cache.override(providers.Singleton(memory_depot.InMemoryProductCache))
    container.requests.override(providers.Singleton(LoopbackStoresRequests, stores.queries))
    return DepotCore(
        container.api(),
        container.policies(),
        container.kit.sink(),
        overridden(container.records, memory_depot.InMemoryShoppingListRepository),
        overridden(container.closed_orders, memory_depot.InMemoryClosedOrders),
        overridden(container.store_cache, memory_depot.InMemoryStoreCache),
        overridden(container.product_cache, memory_depot.InMemoryProductCache),
        overridden(container.requests, LoopbackStoresRequests),
        stores,
    )


@dataclass
class NotificationsCore:
    service: NotificationsApi
    handlers: NotificationsPolicies
    dispatcher: SmsDispatcher
    customer_cache: InMemoryCustomerCache
    log: InMemoryNotificationLog
    sender: RecordingSmsSender
    requests: LoopbackCustomersRequests
    clock: FixedClock
    customers: CustomersCore


def build_notifications_core(requests: NotificationsRequests | None = None) -> NotificationsCore:
    """Notifications with its look-ups answered by a real customers core (in memory too), or
    by `requests`."""
    infra = memory_infrastructure()
    customers = build_customers_core()
    container = NotificationsContainer(infra=infra)
    container.customer_cache.override(providers.Singleton(InMemoryCustomerCache))
    container.notification_log.override(providers.Singleton(InMemoryNotificationLog))
    container.sender.override(providers.Singleton(RecordingSmsSender))
    loopback = LoopbackCustomersRequests(customers.queries)
    container.requests.override(providers.Object(requests or loopback))
    return NotificationsCore(
        container.api(),
        container.policies(),
        container.dispatcher(),
        overridden(container.customer_cache, InMemoryCustomerCache),
        overridden(container.notification_log, InMemoryNotificationLog),
        overridden(container.sender, RecordingSmsSender),
        loopback,
        overridden(infra.clock, FixedClock),
        customers,
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
        overridden(infra.clock, FixedClock),
        overridden(container.customer_cache, search_memory.InMemoryCustomerCache),
        overridden(container.store_cache, search_memory.InMemoryStoreCache),
        overridden(container.product_cache, search_memory.InMemoryProductCache),
        overridden(container.orders, search_memory.InMemoryOrderReadModel),
        overridden(container.requests, search_memory.LoopbackSearchRequests),
        customers,
        stores,
    )
