"""ShoppingListRepository: the same behaviour in memory and in PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mall.depot.domain.events import ShoppingListStatus, Stop, StopItem
from mall.depot.domain.shopping_list import ListLine, ShoppingList, ShoppingListState
from mall.depot.ports import ShoppingListRepository
from mall.kernel.errors import ConflictError
from mall_adapters.memory.depot import InMemoryShoppingListRepository
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.depot import PostgresShoppingListRepository
from tests.ports.conftest import scoped

CONFLICT = r"^the shopping list was changed by another request at the same time; retry$"
LINES = [
    ListLine("s2", "Waldorf Books", "Level 1", "p1", "Atlas", 2),
    ListLine("s1", "Ollivanders", "Diagon Alley", "p2", "Wand \u00e9\u2603", 1),
    ListLine("s2", "Waldorf Books", "Level 1", "p3", "Map", 0),
]
STOPS = (
    Stop(
        "s2",
        "Waldorf Books",
        "Level 1",
        (StopItem("p1", "Atlas", 2), StopItem("p3", "Map", 0)),
    ),
    Stop("s1", "Ollivanders", "Diagon Alley", (StopItem("p2", "Wand \u00e9\u2603", 1),)),
)


@pytest.fixture
async def lists(backend: Database | None) -> AsyncIterator[ShoppingListRepository]:
    async for port in scoped(
        backend, InMemoryShoppingListRepository, PostgresShoppingListRepository
    ):
        yield port


async def loaded(lists: ShoppingListRepository, list_id: str) -> ShoppingList:
    shopping = await lists.load(list_id)
    assert shopping is not None
    return shopping


async def test_unknown_ids_load_as_none(lists: ShoppingListRepository) -> None:
    assert await lists.load("nope") is None
    assert await lists.for_order("nope") == []


async def test_save_then_load_round_trips_the_stops_in_order(
    lists: ShoppingListRepository,
) -> None:
    created = ShoppingList.create("l1", "o1", LINES)
    await lists.save(created)
    assert (created.version, created.pending_events) == (1, ())
    found = await loaded(lists, "l1")
    assert found is not created
    assert (found.id, found.version, found.pending_events) == ("l1", 1, ())
    assert found.state() == ShoppingListState("o1", STOPS, "", ShoppingListStatus.PENDING)


async def test_updates_advance_the_version_by_the_events_saved(
    lists: ShoppingListRepository,
) -> None:
    await lists.save(ShoppingList.create("l1", "o1", LINES))
    shopping = await loaded(lists, "l1")
    shopping.initiate()
    shopping.assign("bot-7")
    await lists.save(shopping)
    assert shopping.version == 3
    shopping.complete()
    await lists.save(shopping)
    found = await loaded(lists, "l1")
    assert found.version == 4
    assert found.state() == ShoppingListState("o1", STOPS, "bot-7", ShoppingListStatus.COMPLETED)


async def test_nothing_pending_saves_nothing_and_loads_are_copies(
    lists: ShoppingListRepository,
) -> None:
    await lists.save(ShoppingList.create("l1", "o1", []))
    unsaved = await loaded(lists, "l1")
    unsaved.cancel()  # never saved
    untouched = await loaded(lists, "l1")
    await lists.save(untouched)
    found = await loaded(lists, "l1")
    assert (found.version, found.status) == (1, ShoppingListStatus.PENDING)


async def test_a_stale_writer_conflicts_and_the_first_write_stays(
    lists: ShoppingListRepository,
) -> None:
    await lists.save(ShoppingList.create("l1", "o1", []))
    first, second = await loaded(lists, "l1"), await loaded(lists, "l1")
    first.initiate()
    await lists.save(first)
    second.cancel()
    with pytest.raises(ConflictError, match=CONFLICT):
        await lists.save(second)
    assert second.version == 1 and second.pending_events  # not committed
    found = await loaded(lists, "l1")
    assert (found.version, found.status) == (2, ShoppingListStatus.AVAILABLE)


async def test_creating_an_existing_id_conflicts(lists: ShoppingListRepository) -> None:
    await lists.save(ShoppingList.create("l1", "o1", []))
    with pytest.raises(ConflictError, match=CONFLICT):
        await lists.save(ShoppingList.create("l1", "o2", LINES))
    found = await loaded(lists, "l1")
    assert (found.order_id, found.stops) == ("o1", ())


async def test_an_order_has_at_most_one_live_list(lists: ShoppingListRepository) -> None:
    await lists.save(ShoppingList.create("l1", "o1", []))
    with pytest.raises(ConflictError, match=CONFLICT):
        await lists.save(ShoppingList.create("l2", "o1", LINES))
    assert await lists.load("l2") is None
    first = await loaded(lists, "l1")
    first.cancel()
    await lists.save(first)
    await lists.save(ShoppingList.create("l2", "o1", LINES))  # the first is canceled: fine
    assert await lists.load("l2") is not None


async def test_for_order_lists_an_orders_lists_oldest_first(
    lists: ShoppingListRepository,
) -> None:
    for list_id in ("l9", "l1", "l5"):
        shopping = ShoppingList.create(list_id, "o1", [])
        shopping.cancel()
        await lists.save(shopping)
    await lists.save(ShoppingList.create("l3", "o1", LINES))
    await lists.save(ShoppingList.create("l4", "o2", []))
    found = await lists.for_order("o1")
    assert [(s.id, s.version, s.status.value) for s in found] == [
        ("l9", 2, "canceled"),
        ("l1", 2, "canceled"),
        ("l5", 2, "canceled"),
        ("l3", 1, "pending"),
    ]
    assert found[3].stops == STOPS
