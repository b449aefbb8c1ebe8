"""Closing an order and creating its list at the same time, as two depot processes would (each
with its own unit of work, so no in-process key lock between them, on one PostgreSQL).

Each test holds one side's transaction open at the worst moment (after the write the other
side must see, before the commit), starts the other side, and lets the first commit only
once the second is waiting for the order's lock (or has finished, which is the bug: it missed
the uncommitted write). Whatever the interleaving, a closed order keeps no live list.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from mall.depot.application.closing import CloseOrder
from mall.depot.application.commands import CreateShoppingList
from mall.depot.application.lookup import StoresCatalog
from mall.depot.domain.closed_order import CloseReason
from mall.depot.domain.events import ShoppingListStatus
from mall.depot.domain.shopping_list import ShoppingList
from mall.kernel.errors import BadRequestError
from mall_adapters.memory.system import FixedClock, SequentialIds
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.depot import (
    PostgresClosedOrders,
    PostgresProductCache,
    PostgresShoppingListRepository,
    PostgresStoreCache,
)
from mall_adapters.postgres.unit_of_work import PostgresUnitOfWork
from mall_contracts.common.messages import NotFound
from mall_contracts.depot import messages
from mall_contracts.depot.ports import DepotRequests
from mall_contracts.stores.messages import GetProduct, GetProductReply, GetStore, GetStoreReply
from tests.support.polling import eventually

ORDER = "order-1"
CREATE = messages.CreateShoppingList(order_id=ORDER, items=[])  # nothing to look up


class NoStores(DepotRequests):
    """The lists here name no store or product: stores is never asked."""

    async def get_store(self, query: GetStore) -> GetStoreReply | NotFound:
        raise AssertionError("no look-up expected")

    async def get_product(self, query: GetProduct) -> GetProductReply | NotFound:
        raise AssertionError("no look-up expected")


class PausingLists(PostgresShoppingListRepository):
    """Holds its caller's transaction open right after inserting a list (`after="insert"`)
    or reading an order's lists (`after="read"`), until `resume`."""

    def __init__(self, db: Database, after: str) -> None:
        super().__init__(db)
        self._after = after
        self.paused = asyncio.Event()
        self._resume = asyncio.Event()

    async def for_order(self, order_id: str) -> list[ShoppingList]:
        found = await super().for_order(order_id)
        if self._after == "read":
            await self._pause()
        return found

    async def save(self, aggregate: ShoppingList) -> None:
        inserting = aggregate.version == 0
        await super().save(aggregate)
        if inserting and self._after == "insert":
            await self._pause()

    async def _pause(self) -> None:
        self.paused.set()
        await self._resume.wait()

    def resume(self) -> None:
        self._resume.set()


def creator(db: Database, lists: PostgresShoppingListRepository) -> CreateShoppingList:
    catalog = StoresCatalog(PostgresStoreCache(db), PostgresProductCache(db), NoStores())
    closed = PostgresClosedOrders(db)
    return CreateShoppingList(PostgresUnitOfWork(db), lists, closed, catalog, SequentialIds())


def closer(db: Database, lists: PostgresShoppingListRepository) -> CloseOrder:
    return CloseOrder(PostgresUnitOfWork(db), lists, PostgresClosedOrders(db), FixedClock())


async def waiting_for_the_order_lock(db: Database) -> bool:
    waiting: bool = await db.fetchval(
        "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        " AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))"
    )
    return waiting


async def until(condition: Callable[[], bool]) -> None:
    async def check() -> bool:
        return condition()

    await eventually(check, bool)


async def waiting_or_done(db: Database, task: asyncio.Task[object]) -> None:
    async def state() -> bool:
        return task.done() or await waiting_for_the_order_lock(db)

    await eventually(state, bool)


async def paused(lists: PausingLists, task: asyncio.Task[object]) -> None:
    await until(lambda: lists.paused.is_set() or task.done())
    if task.done():
        task.result()  # it failed before pausing: show why
        pytest.fail("finished without pausing")


async def test_a_close_during_a_create_waits_and_cancels_the_new_list(db: Database) -> None:
    creating_lists = PausingLists(db, after="insert")
    creating: asyncio.Task[object] = asyncio.create_task(
        creator(db, creating_lists).command(CREATE)
    )
    await paused(creating_lists, creating)  # the list is inserted, not committed
    closing: asyncio.Task[object] = asyncio.create_task(
        closer(db, PostgresShoppingListRepository(db))(ORDER, CloseReason.CANCELED)
    )
    await waiting_or_done(db, closing)
    creating_lists.resume()
    reply = await creating
    await closing
    assert isinstance(reply, messages.CreatedShoppingList)
    [shopping] = await PostgresShoppingListRepository(db).for_order(ORDER)
    assert (shopping.id, shopping.status) == (reply.id, ShoppingListStatus.CANCELED)


async def test_a_create_during_a_close_waits_and_is_refused(db: Database) -> None:
    closing_lists = PausingLists(db, after="read")
    closing: asyncio.Task[object] = asyncio.create_task(
        closer(db, closing_lists)(ORDER, CloseReason.REJECTED)
    )
    await paused(closing_lists, closing)  # closed and found no list, not committed
    creating: asyncio.Task[object] = asyncio.create_task(
        creator(db, PostgresShoppingListRepository(db)).command(CREATE)
    )
    await waiting_or_done(db, creating)
    closing_lists.resume()
    await closing
    with pytest.raises(BadRequestError, match=r"^the order is closed$"):
        await creating
    assert await PostgresShoppingListRepository(db).for_order(ORDER) == []
    closed = await PostgresClosedOrders(db).find(ORDER)
    assert closed is not None and closed.reason is CloseReason.REJECTED
