"""Adding and removing items: look-ups, rules and their order, quantity arithmetic, prices."""

from __future__ import annotations

import pytest

from mall.baskets.ports import CachedProduct
from mall.kernel.errors import BadRequestError, NotFoundError
from mall_contracts.baskets import http, messages
from mall_contracts.stores import http as stores_http
from tests.unit.baskets.conftest import BasketsCore

PRODUCT_MISSING = "^product fallback failed: product was not located$"
STORE_MISSING = "^store fallback failed: store was not located$"


async def test_add_item_snapshots_store_and_product(core: BasketsCore) -> None:
    product_id = await core.product("Wand", 9.99, "Ollivanders")
    basket_id = await core.basket()
    await core.add(basket_id, product_id, 3)
    store_id = core.stores.catalog.rows[product_id].store_id
    got = await core.service.get_basket(basket_id)
    assert got == http.GetBasketResponse(
        basket=http.Basket(
            id=basket_id,
            items=[
                http.BasketItem(
                    store_id=store_id,
                    product_id=product_id,
                    store_name="Ollivanders",
                    product_name="Wand",
                    product_price=9.99,
                    quantity=3,
                )
            ],
        )
    )
    assert core.sink.names() == [messages.BASKET_STARTED]  # item changes publish nothing


async def test_lines_keep_first_added_order_and_sum_quantities(core: BasketsCore) -> None:
    wand, cape = await core.product("Wand"), await core.product("Cape", 5.0)
    basket_id = await core.basket()
    await core.add(basket_id, wand, 1)
    await core.add(basket_id, cape, 2)
    await core.add(basket_id, wand, 4)
    assert await core.lines(basket_id) == [(wand, 5, 9.99), (cape, 2, 5.0)]


async def test_zero_quantity_is_accepted(core: BasketsCore) -> None:
    product_id = await core.product()
    basket_id = await core.basket()
    await core.add(basket_id, product_id, 0)
    assert await core.lines(basket_id) == [(product_id, 0, 9.99)]


async def test_a_line_keeps_the_price_of_its_first_add(core: BasketsCore) -> None:
    product_id = await core.product("Wand", 9.99)
    basket_id = await core.basket()
    await core.add(basket_id, product_id, 1)
    mark = len(core.stores.sink.sent)
    await core.stores.service.increase_product_price(
        product_id, stores_http.ChangeProductPriceRequest(price=12.5)
    )
    await core.deliver_stores_messages(mark)
    assert core.product_cache.rows[product_id].price == 12.5
    await core.add(basket_id, product_id, 1)
    assert await core.lines(basket_id) == [(product_id, 2, 9.99)]
    other = await core.basket()
    await core.add(other, product_id, 1)
    assert await core.lines(other) == [(product_id, 1, 12.5)]


async def test_add_item_rejects_negative_quantities(core: BasketsCore) -> None:
    product_id = await core.product()
    basket_id = await core.basket()
    with pytest.raises(BadRequestError, match=r"^the item quantity cannot be negative$"):
        await core.add(basket_id, product_id, -1)
    assert await core.lines(basket_id) == []


async def test_add_item_unknown_product_and_store(core: BasketsCore) -> None:
    basket_id = await core.basket()
    with pytest.raises(NotFoundError, match=PRODUCT_MISSING):
        await core.add(basket_id, "no-such-product")
    await core.product_cache.save(CachedProduct("p-orphan", "no-such-store", "Orphan", 1.0, 1))
    with pytest.raises(NotFoundError, match=STORE_MISSING):
        await core.add(basket_id, "p-orphan")
    assert len(core.events.streams[basket_id]) == 1


async def test_add_item_checks_in_order(core: BasketsCore) -> None:
    product_id = await core.product()
    basket_id = await core.basket()
    await core.service.cancel_basket(basket_id)
    # the product and its store are looked up first (before the unit of work opens) ...
    with pytest.raises(NotFoundError, match=PRODUCT_MISSING):
        await core.add("nope", "no-such-product")
    await core.product_cache.save(CachedProduct("p-orphan", "no-such-store", "Orphan", 1.0, 1))
    with pytest.raises(NotFoundError, match=STORE_MISSING):
        await core.add("nope", "p-orphan", -1)
    # ... then the basket is loaded, then its status, then the quantity
    with pytest.raises(NotFoundError, match=r"^basket with that ID does not exist$"):
        await core.add("nope", product_id, -1)
    with pytest.raises(BadRequestError, match=r"^the basket cannot be modified$"):
        await core.add(basket_id, product_id, -1)


@pytest.mark.parametrize(
    ("added", "removed", "left"),
    [(2, 1, [1]), (2, 2, []), (2, 5, []), (3, 0, [3]), (0, 0, [])],
)
async def test_remove_item_arithmetic(
    core: BasketsCore, added: int, removed: int, left: list[int]
) -> None:
    product_id = await core.product()
    basket_id = await core.basket()
    await core.add(basket_id, product_id, added)
    await core.remove(basket_id, product_id, removed)
    assert await core.lines(basket_id) == [(product_id, q, 9.99) for q in left]


async def test_removing_a_product_not_in_the_basket_does_nothing(core: BasketsCore) -> None:
    wand, cape = await core.product("Wand"), await core.product("Cape", 5.0)
    basket_id = await core.basket()
    await core.add(basket_id, wand, 1)
    await core.remove(basket_id, cape, 1)
    assert len(core.events.streams[basket_id]) == 2  # started, item added: nothing recorded
    assert await core.lines(basket_id) == [(wand, 1, 9.99)]
    assert core.sink.names() == [messages.BASKET_STARTED]


async def test_a_line_stays_removable_after_its_product_left_the_catalog(
    core: BasketsCore,
) -> None:
    product_id = await core.product()
    basket_id = await core.basket()
    await core.add(basket_id, product_id, 2)
    await core.stores.service.remove_product(product_id)
    await core.product_cache.remove(product_id, 2)  # the cache followed ProductRemoved
    await core.remove(basket_id, product_id, 2)
    assert await core.lines(basket_id) == []


async def test_remove_item_checks_in_order(core: BasketsCore) -> None:
    product_id = await core.product()
    basket_id = await core.basket()
    await core.add(basket_id, product_id, 2)
    with pytest.raises(NotFoundError, match=r"^basket with that ID does not exist$"):
        await core.remove("nope", product_id)
    # then the status, then the quantity
    with pytest.raises(BadRequestError, match=r"^the item quantity cannot be negative$"):
        await core.remove(basket_id, product_id, -1)
    await core.service.cancel_basket(basket_id)
    with pytest.raises(BadRequestError, match=r"^the basket cannot be modified$"):
        await core.remove(basket_id, product_id, -1)
