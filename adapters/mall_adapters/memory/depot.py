"""In-memory shopping lists and stores/products caches."""

from __future__ import annotations

from dataclasses import replace

from mall.depot.domain.events import ShoppingListStatus
from mall.depot.domain.shopping_list import (
    CHANGED_CONCURRENTLY,
    ShoppingList,
    ShoppingListState,
)
from mall.depot.ports import (
    CachedProduct,
    CachedStore,
    ProductCache,
    ShoppingListRepository,
    StoreCache,
)
from mall.kernel.errors import ConflictError


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


class InMemoryStoreCache(StoreCache):
    def __init__(self) -> None:
        self.rows: dict[str, CachedStore] = {}

    async def find(self, store_id: str) -> CachedStore | None:
        return self.rows.get(store_id)

    async def save(self, store: CachedStore) -> None:
        row = self.rows.get(store.id)
        if row is None or row.version < store.version:
            self.rows[store.id] = store

    async def rename(self, store_id: str, name: str, version: int) -> None:
        row = self.rows.get(store_id)
        if row is not None and row.version < version:
            self.rows[store_id] = replace(row, name=name, version=version)


class InMemoryProductCache(ProductCache):
    def __init__(self) -> None:
        self.rows: dict[str, CachedProduct] = {}

    async def find(self, product_id: str) -> CachedProduct | None:
        return self.rows.get(product_id)

    async def save(self, product: CachedProduct) -> None:
        row = self.rows.get(product.id)
        if row is None or row.version < product.version:
            self.rows[product.id] = product

    async def rename(self, product_id: str, name: str, version: int) -> None:
        row = self.rows.get(product_id)
        if row is not None and row.version < version:
            self.rows[product_id] = replace(row, name=name, version=version)

    async def remove(self, product_id: str, version: int) -> None:
        row = self.rows.get(product_id)
        if row is not None and row.version < version:
            del self.rows[product_id]
