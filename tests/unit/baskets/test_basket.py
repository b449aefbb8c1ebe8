"""The Basket aggregate itself: replay and snapshots give back the same state; line limits."""

from __future__ import annotations

import pytest

from mall.baskets.domain.basket import MAX_LINE_QUANTITY, Basket
from mall.baskets.domain.events import BasketItem, BasketStatus
from mall.kernel.errors import BadRequestError


def item(product_id: str, quantity: int, price: float = 1.5) -> BasketItem:
    return BasketItem("s1", product_id, "Store", f"Product {product_id}", price, quantity)


def filled_basket() -> Basket:
    basket = Basket.start("b1", "c1")
    basket.add_item(item("p2", 2))
    basket.add_item(item("p1", 1))
    basket.add_item(item("p2", 3, price=9.0))
    basket.remove_item("p1", 1)
    basket.add_item(item("p3", 4))
    return basket


def test_recording_applies_at_once() -> None:
    basket = filled_basket()
    assert basket.status is BasketStatus.OPEN
    assert basket.items == (item("p2", 5), item("p3", 4))
    assert len(basket.pending_events) == 6


def test_replay_and_snapshot_restore_the_same_state() -> None:
    original = filled_basket()
    original.checkout("pay-1")
    replayed = Basket("b1")
    for version, event in enumerate(original.pending_events, start=1):
        replayed.replay(event, version)
    restored = Basket("b1")
    restored.restore(original.snapshot())
    for copy in (replayed, restored):
        assert copy.snapshot() == original.snapshot()
        assert (copy.customer_id, copy.payment_id) == ("c1", "pay-1")
        assert copy.status is BasketStatus.CHECKED_OUT
        assert copy.items == (item("p2", 5), item("p3", 4))


def test_a_line_holds_at_most_the_maximum_quantity() -> None:
    basket = Basket.start("b1", "c1")
    basket.add_item(item("p1", MAX_LINE_QUANTITY - 1))
    basket.add_item(item("p1", 1))
    events = len(basket.pending_events)
    with pytest.raises(
        BadRequestError, match=r"^a basket line cannot hold more than 10000 of a product$"
    ):
        basket.add_item(item("p1", 1))
    with pytest.raises(BadRequestError):
        basket.add_item(item("p2", MAX_LINE_QUANTITY + 1))
    assert len(basket.pending_events) == events  # a refused add records nothing
    assert basket.items == (item("p1", MAX_LINE_QUANTITY),)
