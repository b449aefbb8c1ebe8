"""In-memory shopping lists, closed orders and stores/products caches."""

from __future__ import annotations

from mall.depot.domain.closed_order import ClosedOrder
from mall.depot.domain.events import ShoppingListStatus
from mall.depot.domain.shopping_list import (
    CHANGED_CONCURRENTLY,
    ShoppingList,
    ShoppingListState,
)
from mall.depot.ports import (
    CachedProduct,
    CachedStore,
    ClosedOrders,
    ProductCache,
    ShoppingListRepository,
    StoreCache,
)
from mall.kernel.errors import ConflictError
from mall_adapters.memory.versioned_cache import InMemoryVersionedCache


class InMemoryShoppingListRepository(ShoppingListRepository):
    def __init__(self) -> None:
        self.rows: dict[str, tuple[ShoppingListState, int]] = {}  # in insertion order

    async def load(self, aggregate_id: str) -> ShoppingList | None:
        row = self.rows.get(aggregate_id)
        return None if row is None else ShoppingList.stored(aggregate_id, *row)

    async def for_order(self, order_id: str) -> list[ShoppingList]:
        return [
            ShoppingList.stored(list_id, state, version)
            for list_id, (state, version) in self.rows.items()
            if state.order_id == order_id
        ]

    async def save(self, aggregate: ShoppingList) -> None:
        pending = aggregate.pending_events
        if not pending:
            return
        stored = self.rows.get(aggregate.id)
        if (0 if stored is None else stored[1]) != aggregate.version:
            raise ConflictError(CHANGED_CONCURRENTLY)
        state = aggregate.state()
        if stored is None and aggregate.live and self._has_live_list(state.order_id):
            raise ConflictError(CHANGED_CONCURRENTLY)
        self.rows[aggregate.id] = (state, aggregate.version + len(pending))
        aggregate.mark_committed()

    def _has_live_list(self, order_id: str) -> bool:
        return any(
            state.order_id == order_id and state.status is not ShoppingListStatus.CANCELED
            for state, _version in self.rows.values()
        )


class InMemoryClosedOrders(ClosedOrders):
    """One process, one event loop: the unit of work's key lock on the order (creates and the
    closing of an order share it) is the lock `lock` and `close` promise."""

    def __init__(self) -> None:
        self.rows: dict[str, ClosedOrder] = {}

    async def find(self, order_id: str) -> ClosedOrder | None:
        return self.rows.get(order_id)

    async def lock(self, order_id: str) -> ClosedOrder | None:
        return self.rows.get(order_id)

    async def close(self, closing: ClosedOrder) -> ClosedOrder:
        return self.rows.setdefault(closing.order_id, closing)


class InMemoryStoreCache(InMemoryVersionedCache[CachedStore], StoreCache):
    async def rename(self, store_id: str, name: str, version: int) -> None:
        await self.update_if_older(store_id, version, name=name)


class InMemoryProductCache(InMemoryVersionedCache[CachedProduct], ProductCache):
    async def rename(self, product_id: str, name: str, version: int) -> None:
        await self.update_if_older(product_id, version, name=name)

    async def remove(self, product_id: str, version: int) -> None:
        await self.delete_if_older(product_id, version)
