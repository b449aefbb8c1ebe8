"""Store use cases against in-memory adapters."""

from __future__ import annotations

import pytest

from mall.kernel.errors import BadRequestError, NotFoundError
from mall_contracts.stores import http, messages
from tests.support.cores import StoresCore


async def test_create_store_projects_and_publishes(core: StoresCore) -> None:
    created = await core.service.create_store(
        http.CreateStoreRequest(name="Waldorf", location="L1")
    )
    got = await core.service.get_store(created.id)
    assert got.store == http.Store(
        id=created.id, name="Waldorf", location="L1", participating=False
    )
    assert core.sink.sent[0].message == messages.StoreCreated(
        id=created.id, name="Waldorf", location="L1", version=1
    )


@pytest.mark.parametrize(
    ("name", "location", "error"),
    [
        ("", "L1", "the store name cannot be blank"),
        ("  ", "L1", "the store name cannot be blank"),
        ("Waldorf", "", "the store location cannot be blank"),
    ],
)
async def test_create_store_rejects_blanks(
    core: StoresCore, name: str, location: str, error: str
) -> None:
    with pytest.raises(BadRequestError, match=f"^{error}$"):
        await core.service.create_store(http.CreateStoreRequest(name=name, location=location))
    assert core.sink.sent == []


async def test_participation_toggles_once_each_way(core: StoresCore) -> None:
    store_id = (await core.service.create_store(http.CreateStoreRequest(name="A", location="B"))).id
    await core.service.enable_participation(store_id)
    with pytest.raises(BadRequestError, match="the store is already participating"):
        await core.service.enable_participation(store_id)
    assert [s.id for s in (await core.service.get_participating_stores()).stores] == [store_id]
    await core.service.disable_participation(store_id)
    with pytest.raises(BadRequestError, match="the store is already not participating"):
        await core.service.disable_participation(store_id)
    toggles = [m.message for m in core.sink.sent if m.name == messages.STORE_PARTICIPATING_TOGGLED]
    assert toggles == [
        messages.StoreParticipationToggled(id=store_id, participating=True, version=2),
        messages.StoreParticipationToggled(id=store_id, participating=False, version=3),
    ]


async def test_unknown_store_ids_are_not_found(core: StoresCore) -> None:
    for call in (
        core.service.get_store("nope"),
        core.service.enable_participation("nope"),
        core.service.rebrand_store("nope", http.RebrandStoreRequest(name="x")),
        core.service.add_product("nope", http.AddProductRequest(name="x")),
    ):
        with pytest.raises(NotFoundError, match="store with that ID does not exist"):
            await call
    assert core.sink.sent == []


async def test_price_changes_update_catalog_and_publish_deltas(core: StoresCore) -> None:
    store_id = (await core.service.create_store(http.CreateStoreRequest(name="A", location="B"))).id
    product_id = (
        await core.service.add_product(store_id, http.AddProductRequest(name="Wand", price=9.99))
    ).id
    await core.service.increase_product_price(
        product_id, http.ChangeProductPriceRequest(price=12.49)
    )
    await core.service.decrease_product_price(
        product_id, http.ChangeProductPriceRequest(price=10.0)
    )
    assert (await core.service.get_product(product_id)).product.price == 10.0
    deltas = [(m.name, m.message) for m in core.sink.sent[2:]]
    assert deltas == [
        (
            messages.PRODUCT_PRICE_INCREASED,
            messages.ProductPriceChanged(id=product_id, delta=2.5, price=12.49, version=2),
        ),
        (
            messages.PRODUCT_PRICE_DECREASED,
            messages.ProductPriceChanged(id=product_id, delta=-2.49, price=10.0, version=3),
        ),
    ]


async def test_price_change_rules(core: StoresCore) -> None:
    store_id = (await core.service.create_store(http.CreateStoreRequest(name="A", location="B"))).id
    product_id = (
        await core.service.add_product(store_id, http.AddProductRequest(name="W", price=5))
    ).id
    with pytest.raises(BadRequestError, match="the price change would be a decrease"):
        await core.service.increase_product_price(
            product_id, http.ChangeProductPriceRequest(price=4)
        )
    with pytest.raises(BadRequestError, match="the price change would be an increase"):
        await core.service.decrease_product_price(
            product_id, http.ChangeProductPriceRequest(price=6)
        )
    with pytest.raises(BadRequestError, match="the product price cannot be negative"):
        await core.service.decrease_product_price(
            product_id, http.ChangeProductPriceRequest(price=-1)
        )
    await core.service.increase_product_price(product_id, http.ChangeProductPriceRequest(price=5))


async def test_add_product_validation_is_prefixed(core: StoresCore) -> None:
    store_id = (await core.service.create_store(http.CreateStoreRequest(name="A", location="B"))).id
    with pytest.raises(
        BadRequestError, match=r"^initializing product: the product name cannot be blank$"
    ):
        await core.service.add_product(store_id, http.AddProductRequest(name=""))
    with pytest.raises(
        BadRequestError, match=r"^initializing product: the product price cannot be negative$"
    ):
        await core.service.add_product(store_id, http.AddProductRequest(name="W", price=-0.01))


async def test_removed_products_are_gone(core: StoresCore) -> None:
    store_id = (await core.service.create_store(http.CreateStoreRequest(name="A", location="B"))).id
    product_id = (await core.service.add_product(store_id, http.AddProductRequest(name="W"))).id
    await core.service.remove_product(product_id)
    with pytest.raises(NotFoundError, match="product with that ID does not exist"):
        await core.service.get_product(product_id)
    with pytest.raises(NotFoundError):
        await core.service.remove_product(product_id)
    assert (await core.service.get_store_products(store_id)).products == []
    assert core.sink.names()[-1] == messages.PRODUCT_REMOVED


async def test_queries_answer_found_or_not_found(core: StoresCore) -> None:
    store_id = (await core.service.create_store(http.CreateStoreRequest(name="A", location="B"))).id
    found = await core.queries.get_store(messages.GetStore(id=store_id))
    assert isinstance(found, messages.GetStoreReply) and found.store.name == "A"
    missing = await core.queries.get_product(messages.GetProduct(id="nope"))
    assert not isinstance(missing, messages.GetProductReply)
    assert missing.message == "product with that ID does not exist"
