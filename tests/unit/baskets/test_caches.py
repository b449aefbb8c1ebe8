"""The caches: filled from stores' events, and by the look-up fallback on a miss."""

from __future__ import annotations

import pytest

from mall.baskets.application.lookup import CatalogLookup
from mall.baskets.ports import CachedProduct, CachedStore
from mall.kernel.errors import NotFoundError, UnavailableError
from mall_adapters.memory.baskets import InMemoryProductCache, InMemoryStoreCache
from mall_adapters.memory.unit_of_work import InMemoryUnitOfWork
from mall_contracts.common.messages import NotFound
from mall_contracts.stores import http as stores_http
from mall_contracts.stores import messages as stores_messages
from tests.unit.baskets.conftest import BasketsCore


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


async def test_a_miss_falls_back_to_stores_and_fills_the_cache(core: BasketsCore) -> None:
    product_id = await core.product("Wand", 9.99, "Ollivanders")
    store_id = core.stores.catalog.rows[product_id].store_id
    basket_id = await core.basket()
    await core.add(basket_id, product_id)
    assert core.requests.asked == [
        stores_messages.GetProduct(id=product_id),
        stores_messages.GetStore(id=store_id),
    ]
    assert core.product_cache.rows == {
        product_id: CachedProduct(product_id, store_id, "Wand", 9.99, 1)
    }
    assert core.store_cache.rows == {store_id: CachedStore(store_id, "Ollivanders", 1)}
    await core.add(basket_id, product_id)
    await core.remove(basket_id, product_id)
    assert len(core.requests.asked) == 2  # answered from the cache since


async def test_cached_entries_are_used_without_asking_stores(core: BasketsCore) -> None:
    product_id = await core.product("Wand", 9.99, "Ollivanders")
    await core.deliver_stores_messages()
    basket_id = await core.basket()
    await core.add(basket_id, product_id)
    assert core.requests.asked == []
    assert await core.lines(basket_id) == [(product_id, 1, 9.99)]


async def test_a_removed_product_is_not_located(core: BasketsCore) -> None:
    product_id = await core.product()
    await core.deliver_stores_messages()
    await core.stores.service.remove_product(product_id)
    await core.deliver_stores_messages()
    assert product_id not in core.product_cache.rows
    with pytest.raises(NotFoundError, match=r"^product fallback failed: product was not located$"):
        await core.add(await core.basket(), product_id)


async def test_stores_not_answering_propagates_as_unavailable() -> None:
    lookup = CatalogLookup(
        InMemoryUnitOfWork(), InMemoryStoreCache(), InMemoryProductCache(), SilentStores()
    )
    with pytest.raises(UnavailableError):
        await lookup.product("p1")
    with pytest.raises(UnavailableError):
        await lookup.store("s1")


async def test_cache_handlers_follow_the_stores_events(core: BasketsCore) -> None:
    service = core.stores.service
    store_id = (
        await service.create_store(stores_http.CreateStoreRequest(name="Old", location="L"))
    ).id
    await service.rebrand_store(store_id, stores_http.RebrandStoreRequest(name="New"))
    await service.enable_participation(store_id)  # not cached: ignored
    product_id = (
        await service.add_product(store_id, stores_http.AddProductRequest(name="W", price=10))
    ).id
    await service.rebrand_product(
        product_id, stores_http.RebrandProductRequest(name="Wand", description="oak")
    )
    await service.increase_product_price(
        product_id, stores_http.ChangeProductPriceRequest(price=12.5)
    )
    await service.decrease_product_price(
        product_id, stores_http.ChangeProductPriceRequest(price=11.25)
    )
    await core.deliver_stores_messages()
    assert core.store_cache.rows == {store_id: CachedStore(store_id, "New", 2)}
    assert core.product_cache.rows == {
        product_id: CachedProduct(product_id, store_id, "Wand", 11.25, 4)
    }
    mark = len(core.stores.sink.sent)
    await service.remove_product(product_id)
    await core.deliver_stores_messages(mark)
    assert core.product_cache.rows == {}


async def test_late_events_after_a_fallback_do_not_undo_newer_state(core: BasketsCore) -> None:
    """A lagging consumer delivers ProductAdded and a price change after a fallback already
    cached the newer product: nothing is counted twice or rolled back."""
    service = core.stores.service
    product_id = await core.product("Wand", 10.0)
    await service.increase_product_price(
        product_id, stores_http.ChangeProductPriceRequest(price=12.5)
    )
    basket_id = await core.basket()
    await core.add(basket_id, product_id)  # fallback: caches version 2 at 12.5
    await core.deliver_stores_messages()  # the late ProductAdded (10.0) and +2.5 arrive now
    await core.deliver_stores_messages()  # ... and once more (a redelivery)
    cached = core.product_cache.rows[product_id]
    assert (cached.price, cached.version) == (12.5, 2)
