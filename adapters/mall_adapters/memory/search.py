"""Search's caches and orders read model in memory, and a loopback for its look-ups."""

from __future__ import annotations

from dataclasses import dataclass, replace

from mall.search.domain.status import OrderStatus
from mall.search.ports import (
    CachedCustomer,
    CachedProduct,
    CachedStore,
    CustomerCache,
    OrderFilters,
    OrderReadModel,
    Position,
    ProductCache,
    SearchedOrder,
    StoreCache,
)
from mall_adapters.memory.versioned_cache import InMemoryVersionedCache
from mall_adapters.reliability.guard import forbid_network_io
from mall_contracts.common.messages import NotFound
from mall_contracts.customers import messages as customers_messages
from mall_contracts.customers.ports import CustomersHandlers
from mall_contracts.search.ports import SearchRequests
from mall_contracts.stores import messages as stores_messages
from mall_contracts.stores.ports import StoresHandlers

TOTAL_DIGITS = 4  # as numeric(16,4) in PostgreSQL


class InMemoryCustomerCache(InMemoryVersionedCache[CachedCustomer], CustomerCache):
    pass


class InMemoryStoreCache(InMemoryVersionedCache[CachedStore], StoreCache):
    pass


class InMemoryProductCache(InMemoryVersionedCache[CachedProduct], ProductCache):
    """`removed` holds the ids of removed products (until a newer save)."""

    def __init__(self) -> None:
        super().__init__()
        self.removed: set[str] = set()

    async def save(self, product: CachedProduct) -> None:
        if self.saves(product):
            self.removed.discard(product.id)
        await super().save(product)

    async def rename(self, product_id: str, name: str, version: int) -> None:
        await self.update_if_older(product_id, version, name=name)

    async def remove(self, product_id: str, version: int) -> None:
        if await self.update_if_older(product_id, version):
            self.removed.add(product_id)


@dataclass(frozen=True)
class _Row:
    order: SearchedOrder | None  # None until OrderCreated is recorded
    customer_id: str
    status: OrderStatus


class InMemoryOrderReadModel(OrderReadModel):
    def __init__(self) -> None:
        self.rows: dict[str, _Row] = {}

    async def record(self, order: SearchedOrder) -> None:
        row = self.rows.get(order.order_id)
        if row is not None and row.order is not None:
            return
        status = row.status if row is not None and row.status.rank >= order.status.rank else None
        recorded = replace(
            order, total=round(order.total, TOTAL_DIGITS), status=status or order.status
        )
        self.rows[order.order_id] = _Row(recorded, order.customer_id, recorded.status)

    async def advance(self, order_id: str, customer_id: str, status: OrderStatus) -> None:
        row = self.rows.get(order_id)
        if row is None:
            self.rows[order_id] = _Row(None, customer_id, status)
        elif row.status.rank < status.rank:
            order = None if row.order is None else replace(row.order, status=status)
            self.rows[order_id] = _Row(order, row.customer_id, status)

    async def find(self, order_id: str) -> SearchedOrder | None:
        row = self.rows.get(order_id)
        return None if row is None else row.order

    async def search(
        self, filters: OrderFilters, start: Position | None, limit: int
    ) -> list[SearchedOrder]:
        found = [
            row.order
            for row in self.rows.values()
            if row.order is not None
            and _matches(row.order, filters)
            and (start is None or _position(row.order) < start)
        ]
        found.sort(key=_position, reverse=True)
        return found[:limit]


def _position(order: SearchedOrder) -> Position:
    return Position(order.created_at, order.order_id)


def _matches(order: SearchedOrder, f: OrderFilters) -> bool:
    stores = {line.store_id for line in order.lines}
    products = {line.product_id for line in order.lines}
    return (
        (not f.customer_id or order.customer_id == f.customer_id)
        and (f.status is None or order.status is f.status)
        and (f.after is None or order.created_at >= f.after)
        and (f.before is None or order.created_at < f.before)
        and (not f.store_ids or not stores.isdisjoint(f.store_ids))
        and (not f.product_ids or not products.isdisjoint(f.product_ids))
        and (f.min_total is None or order.total >= f.min_total)
        and (f.max_total is None or order.total <= f.max_total)
    )


class LoopbackSearchRequests(SearchRequests):
    """Answers search's look-ups by calling the customers and stores handlers directly (no
    broker). `asked` lists every query sent, so tests can tell a cache hit from a fallback.
    Like a real request it refuses to run while a transaction is open."""

    def __init__(self, customers: CustomersHandlers, stores: StoresHandlers) -> None:
        self._customers = customers
        self._stores = stores
        self.asked: list[
            customers_messages.GetCustomer | stores_messages.GetStore | stores_messages.GetProduct
        ] = []

    async def get_customer(
        self, query: customers_messages.GetCustomer
    ) -> customers_messages.GetCustomerReply | NotFound:
        forbid_network_io("GetCustomer")
        self.asked.append(query)
        return await self._customers.get_customer(query)

    async def get_store(
        self, query: stores_messages.GetStore
    ) -> stores_messages.GetStoreReply | NotFound:
        forbid_network_io("GetStore")
        self.asked.append(query)
        return await self._stores.get_store(query)

    async def get_product(
        self, query: stores_messages.GetProduct
    ) -> stores_messages.GetProductReply | NotFound:
        forbid_network_io("GetProduct")
        self.asked.append(query)
        return await self._stores.get_product(query)
