"""The caches: kept from stores' events, filled by the look-up fallback on a miss."""

from __future__ import annotations

import pytest

from mall.depot.application.lookup import StoresCatalog
from mall.depot.ports import CachedProduct, CachedStore
from mall.kernel.errors import NotFoundError, UnavailableError
from mall_adapters.memory.depot import InMemoryProductCache, InMemoryStoreCache
from mall_adapters.reliability import receipts
from mall_contracts.common.messages import NotFound
from mall_contracts.depot import messages
from mall_contracts.stores import http as stores_http
from mall_contracts.stores import messages as stores_messages
from tests.unit.depot.conftest import DepotCore


class SilentStores:
    """Stores that never answer (what the NATS requester reports as `UnavailableError`)."""

    async def get_store(
        self, query: stores_messages.GetStore
    ) -> stores_messages.GetStoreReply | NotFound:
        raise UnavailableError("storesapi.GetStore got no answer")

    async def get_product(
        self, query: stores_messages.GetProduct
    ) -> stores_messages.GetProductReply | NotFound:
        raise UnavailableError("storesapi.GetProduct got no answer")


async def test_misses_ask_stores_once_per_id_and_fill_the_caches(core: DepotCore) -> None:
    store = await core.store("Ollivanders", "Diagon Alley")
    wand = await core.product(store, "Wand")
    await core.create("order-1", (store, wand, 1), (store, wand, 2))
    assert core.requests.asked == [
        stores_messages.GetStore(id=store),
        stores_messages.GetProduct(id=wand),
    ]
    assert core.store_cache.rows == {store: CachedStore(store, "Ollivanders", "Diagon Alley", 1)}
    assert core.product_cache.rows == {wand: CachedProduct(wand, store, "Wand", 1)}
    await core.create("order-2", (store, wand, 1))
    assert len(core.requests.asked) == 2  # answered from the caches since


async def test_the_create_caches_and_saves_in_one_unit_of_work(core: DepotCore) -> None:
    """The fallback's answers are cached by the create's own unit of work, so the receipt of
    the command (its inbox row and reply) is taken by that one, with the reply."""
    store = await core.store()
    wand = await core.product(store)
    taken: list[object] = []

    async def receipt(result: object) -> None:
        taken.append(result)

    command = messages.CreateShoppingList(
        order_id="order-1",
        items=[messages.ShoppingItem(product_id=wand, store_id=store, quantity=1)],
    )
    with receipts.expecting(receipt):
        reply = await core.handlers.create_shopping_list(command)
    assert taken == [reply]
    assert list(core.records.rows) == [reply.id]
    assert set(core.product_cache.rows) == {wand}


async def test_cached_entries_are_used_without_asking_stores(core: DepotCore) -> None:
    store = await core.store("Ollivanders", "Diagon Alley")
    wand = await core.product(store, "Wand")
    await core.deliver_stores_messages()
    list_id = await core.create("order-1", (store, wand, 1))
    assert core.requests.asked == []
    [stop] = (await core.service.get_shopping_list(list_id)).shopping_list.stops
    assert (stop.store_name, stop.store_location, stop.items[0].product_name) == (
        "Ollivanders",
        "Diagon Alley",
        "Wand",
    )


async def test_an_unknown_product_or_store_is_not_found_and_nothing_is_written(
    core: DepotCore,
) -> None:
    store = await core.store()
    wand = await core.product(store)
    with pytest.raises(
        NotFoundError, match=r"^building shopping list: product 'nope' was not located$"
    ):
        await core.create("order-1", (store, "nope", 1))
    with pytest.raises(
        NotFoundError, match=r"^building shopping list: store 'nope' was not located$"
    ):
        await core.create("order-1", ("nope", wand, 1))
    assert core.records.rows == {}
    assert core.store_cache.rows == {}


async def test_stores_not_answering_propagates_as_unavailable() -> None:
    catalog = StoresCatalog(InMemoryStoreCache(), InMemoryProductCache(), SilentStores())
    with pytest.raises(UnavailableError):
        await catalog.resolve(["s1"], [])
    with pytest.raises(UnavailableError):
        await catalog.resolve([], ["p1"])


async def test_a_removed_product_is_not_located(core: DepotCore) -> None:
    store = await core.store()
    wand = await core.product(store)
    await core.deliver_stores_messages()
    mark = len(core.stores.sink.sent)
    await core.stores.service.remove_product(wand)
    await core.deliver_stores_messages(mark)
    assert core.product_cache.rows == {}
    with pytest.raises(NotFoundError, match=r"product .* was not located"):
        await core.create("order-1", (store, wand, 1))


async def test_rebrands_rename_cached_entries(core: DepotCore) -> None:
    store = await core.store("Ollivanders", "Diagon Alley")
    wand = await core.product(store, "Wand")
    await core.deliver_stores_messages()
    mark = len(core.stores.sink.sent)
    await core.stores.service.rebrand_store(store, stores_http.RebrandStoreRequest(name="Olli's"))
    await core.stores.service.rebrand_product(
        wand, stores_http.RebrandProductRequest(name="Elder Wand", description="")
    )
    await core.deliver_stores_messages(mark)
    assert core.store_cache.rows[store] == CachedStore(store, "Olli's", "Diagon Alley", 2)
    assert core.product_cache.rows[wand] == CachedProduct(wand, store, "Elder Wand", 2)


async def test_late_or_repeated_events_never_undo_newer_entries(core: DepotCore) -> None:
    store = await core.store("Ollivanders")
    wand = await core.product(store, "Wand")
    await core.stores.service.rebrand_store(store, stores_http.RebrandStoreRequest(name="Olli's"))
    await core.stores.service.rebrand_product(
        wand, stores_http.RebrandProductRequest(name="Elder Wand", description="")
    )
    await core.create("order-1", (store, wand, 1))  # the fallback caches version 2 of each
    await core.deliver_stores_messages()  # versions 1 and 2 again: nothing changes
    assert core.store_cache.rows[store].name == "Olli's"
    assert core.product_cache.rows[wand].name == "Elder Wand"


async def test_a_rebrand_of_an_unknown_entry_caches_nothing(core: DepotCore) -> None:
    await core.handlers.on_store_rebranded(
        stores_messages.StoreRebranded(id="s", name="N", version=2)
    )
    await core.handlers.on_product_rebranded(
        stores_messages.ProductRebranded(id="p", name="N", description="", version=2)
    )
    await core.handlers.on_product_removed(stores_messages.ProductRemoved(id="p", version=3))
    assert (core.store_cache.rows, core.product_cache.rows) == ({}, {})
