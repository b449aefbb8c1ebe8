"""Every module's versioned cache (`mall.kernel.cache`), in memory and in PostgreSQL: the
newest version wins, whichever write comes first, and a change never makes up an entry.

Each case is one module's cache port: how to build its entries and the changes it applies in
its own words (a rename, a new price, a new SMS number, a removal), each with the entry it
leaves behind.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any

import pytest

from mall.baskets import ports as baskets
from mall.depot import ports as depot
from mall.notifications import ports as notifications
from mall.search import ports as search
from mall_adapters.memory import baskets as memory_baskets
from mall_adapters.memory import depot as memory_depot
from mall_adapters.memory import notifications as memory_notifications
from mall_adapters.memory import search as memory_search
from mall_adapters.postgres import baskets as postgres_baskets
from mall_adapters.postgres import depot as postgres_depot
from mall_adapters.postgres import notifications as postgres_notifications
from mall_adapters.postgres import search as postgres_search
from mall_adapters.postgres.database import Database
from tests.ports.conftest import scoped


@dataclass(frozen=True)
class Change:
    """A change a cache applies: `apply(cache, id, value, version)`, and what becomes of an
    older entry (`after(entry, value, version)`, None when it is gone). `values` are two
    different values to apply."""

    name: str
    apply: Callable[[Any, str, Any, int], Awaitable[None]]
    after: Callable[[Any, Any, int], Any]
    values: tuple[Any, Any]


def setting(verb: str, field: str, values: tuple[Any, Any]) -> Change:
    """`cache.<verb>(id, value, version)`, which sets the entry's `field` to the value."""
    return Change(
        verb,
        lambda cache, key, value, version: getattr(cache, verb)(key, value, version),
        lambda entry, value, version: replace(entry, **{field: value}, version=version),
        values,
    )


RENAME = setting("rename", "name", ("Staff", "Stick"))
REPRICE = setting("reprice", "price", (12.5, 11.0))
CHANGE_SMS = setting("change_sms", "sms_number", ("555-0142", "555-0199"))
DELETE = Change(
    "remove",
    lambda cache, key, _, version: cache.remove(key, version),
    lambda _entry, _value, _version: None,
    (None, None),
)
KEEP_REMOVED = Change(  # search still names a removed product
    "remove",
    lambda cache, key, _, version: cache.remove(key, version),
    lambda entry, _value, version: replace(entry, version=version),
    (None, None),
)


@dataclass(frozen=True)
class Case:
    """One module's cache: its implementations and `entry(id, name, version)`."""

    name: str
    memory: Callable[[], Any]
    postgres: Callable[[Database], Any]
    entry: Callable[[str, str, int], Any]
    changes: tuple[Change, ...] = ()


CASES = (
    Case(
        "baskets.stores",
        memory_baskets.InMemoryStoreCache,
        postgres_baskets.PostgresStoreCache,
        lambda key, name, version: baskets.CachedStore(key, name, version),
    ),
    Case(
        "baskets.products",
        memory_baskets.InMemoryProductCache,
        postgres_baskets.PostgresProductCache,
        lambda key, name, version: baskets.CachedProduct(key, "s1", name, 9.99, version),
        (RENAME, REPRICE, DELETE),
    ),
    Case(
        "depot.stores",
        memory_depot.InMemoryStoreCache,
        postgres_depot.PostgresStoreCache,
        lambda key, name, version: depot.CachedStore(key, name, "Diagon Alley", version),
        (RENAME,),
    ),
    Case(
        "depot.products",
        memory_depot.InMemoryProductCache,
        postgres_depot.PostgresProductCache,
        lambda key, name, version: depot.CachedProduct(key, "s1", name, version),
        (RENAME, DELETE),
    ),
    Case(
        "search.customers",
        memory_search.InMemoryCustomerCache,
        postgres_search.PostgresCustomerCache,
        lambda key, name, version: search.CachedCustomer(key, name, version),
    ),
    Case(
        "search.stores",
        memory_search.InMemoryStoreCache,
        postgres_search.PostgresStoreCache,
        lambda key, name, version: search.CachedStore(key, name, version),
    ),
    Case(
        "search.products",
        memory_search.InMemoryProductCache,
        postgres_search.PostgresProductCache,
        lambda key, name, version: search.CachedProduct(key, "s1", name, version),
        (RENAME, KEEP_REMOVED),
    ),
    Case(
        "notifications.customers",
        memory_notifications.InMemoryCustomerCache,
        postgres_notifications.PostgresCustomerCache,
        lambda key, name, version: notifications.CachedCustomer(key, name, "555-0100", version),
        (CHANGE_SMS,),
    ),
)
CHANGES = [
    pytest.param(case, change, id=f"{case.name}.{change.name}")
    for case in CASES
    for change in case.changes
]


@pytest.fixture(params=CASES, ids=lambda case: case.name)
def case(request: pytest.FixtureRequest) -> Case:
    case: Case = request.param
    return case


@pytest.fixture
async def cache(case: Case, backend: Database | None) -> AsyncIterator[Any]:
    async for port in scoped(backend, case.memory, case.postgres):
        yield port


async def test_save_keeps_the_newest_version(case: Case, cache: Any) -> None:
    await cache.save(case.entry("k1", "First", 1))
    await cache.save(case.entry("k1", "Newest", 3))  # e.g. from a fallback
    await cache.save(case.entry("k1", "Late", 2))  # the event of version 2, late: ignored
    await cache.save(case.entry("k1", "Repeat", 3))  # same version: ignored
    assert await cache.find("k1") == case.entry("k1", "Newest", 3)
    assert await cache.find("nope") is None


@pytest.mark.parametrize(("case", "change"), CHANGES, indirect=["case"])
async def test_a_change_applies_only_to_an_older_entry(
    case: Case, change: Change, cache: Any
) -> None:
    entry = case.entry("k1", "Wand", 2)
    first, second = change.values
    await cache.save(entry)
    await change.apply(cache, "k1", first, 1)  # reordered: ignored
    await change.apply(cache, "k1", first, 2)  # same version: ignored
    assert await cache.find("k1") == entry
    await change.apply(cache, "k1", first, 3)
    await change.apply(cache, "k1", second, 3)  # repeated version: ignored
    assert await cache.find("k1") == change.after(entry, first, 3)


@pytest.mark.parametrize(("case", "change"), CHANGES, indirect=["case"])
async def test_a_change_leaves_an_unknown_id_unknown(
    case: Case, change: Change, cache: Any
) -> None:
    await change.apply(cache, "nope", change.values[0], 2)
    assert await cache.find("nope") is None


@pytest.mark.parametrize(("case", "change"), CHANGES, indirect=["case"])
async def test_a_newer_save_wins_over_a_change(case: Case, change: Change, cache: Any) -> None:
    await cache.save(case.entry("k1", "Wand", 1))
    await change.apply(cache, "k1", change.values[0], 2)
    await cache.save(case.entry("k1", "Staff", 3))  # e.g. a fallback that saw later events
    await change.apply(cache, "k1", change.values[1], 2)  # late: ignored
    assert await cache.find("k1") == case.entry("k1", "Staff", 3)
