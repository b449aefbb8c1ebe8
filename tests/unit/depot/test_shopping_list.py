"""The ShoppingList aggregate: stops, statuses and the reference's rule texts."""

from __future__ import annotations

import pytest

from mall.depot.domain.events import ShoppingListStatus, Stop, StopItem
from mall.depot.domain.shopping_list import ListLine, ShoppingList, plan_stops
from mall.kernel.errors import BadRequestError

Status = ShoppingListStatus


def line(store: str, product: str, quantity: int) -> ListLine:
    return ListLine(store, f"{store} name", f"{store} place", product, f"{product} name", quantity)


def test_one_stop_per_store_in_first_seen_order_and_a_repeated_product_keeps_its_first_quantity() -> (
    None
):
    stops = plan_stops(
        [line("s2", "p1", 1), line("s1", "p2", 2), line("s2", "p3", 3), line("s2", "p1", 9)]
    )
    assert stops == (
        Stop(
            "s2",
            "s2 name",
            "s2 place",
            (StopItem("p1", "p1 name", 1), StopItem("p3", "p3 name", 3)),
        ),
        Stop("s1", "s1 name", "s1 place", (StopItem("p2", "p2 name", 2),)),
    )


def test_the_same_product_at_two_stores_is_collected_at_both() -> None:
    stops = plan_stops([line("s1", "p1", 1), line("s2", "p1", 2)])
    assert [(s.store_id, s.items[0].quantity) for s in stops] == [("s1", 1), ("s2", 2)]


def test_a_new_list_is_pending_and_records_its_creation() -> None:
    shopping = ShoppingList.create("l1", "o1", [line("s1", "p1", 1)])
    assert (shopping.order_id, shopping.status, shopping.assigned_bot_id) == (
        "o1",
        Status.PENDING,
        "",
    )
    assert [type(e).__name__ for e in shopping.pending_events] == ["ShoppingListCreated"]


def test_a_blank_order_id_is_refused() -> None:
    with pytest.raises(BadRequestError, match=r"^the order id cannot be blank$"):
        ShoppingList.create("l1", "  ", [])


def test_the_happy_path_initiate_assign_complete() -> None:
    shopping = ShoppingList.create("l1", "o1", [])
    shopping.initiate()
    assert (shopping.status, shopping.assigned_bot_id) == (Status.AVAILABLE, "")
    shopping.assign("bot-7")
    assert (shopping.status, shopping.assigned_bot_id) == (Status.ASSIGNED, "bot-7")
    shopping.complete()
    assert shopping.status is Status.COMPLETED


def at(status: Status) -> ShoppingList:
    shopping = ShoppingList.create("l1", "o1", [])
    shopping.status = status
    return shopping


@pytest.mark.parametrize("status", [s for s in Status if s is not Status.PENDING])
def test_only_a_pending_list_can_be_initiated(status: Status) -> None:
    with pytest.raises(BadRequestError, match=r"^the shopping list cannot be initiated$"):
        at(status).initiate()


@pytest.mark.parametrize("status", [s for s in Status if s is not Status.AVAILABLE])
def test_only_an_available_list_can_be_assigned(status: Status) -> None:
    with pytest.raises(BadRequestError, match=r"^the shopping list cannot be assigned$"):
        at(status).assign("bot-7")


def test_a_bot_id_cannot_be_blank() -> None:
    with pytest.raises(BadRequestError, match=r"^the bot id cannot be blank$"):
        at(Status.AVAILABLE).assign(" ")


@pytest.mark.parametrize("status", [s for s in Status if s is not Status.ASSIGNED])
def test_only_an_assigned_list_can_be_completed(status: Status) -> None:
    with pytest.raises(BadRequestError, match=r"^the shopping list cannot be completed$"):
        at(status).complete()


@pytest.mark.parametrize(
    "status", [Status.PENDING, Status.AVAILABLE, Status.ASSIGNED, Status.ACTIVE]
)
def test_a_list_can_be_canceled_until_it_is_completed(status: Status) -> None:
    shopping = at(status)
    shopping.cancel()
    assert shopping.status is Status.CANCELED
    assert not shopping.live


@pytest.mark.parametrize("status", [Status.COMPLETED, Status.CANCELED])
def test_a_completed_or_canceled_list_cannot_be_canceled(status: Status) -> None:
    with pytest.raises(BadRequestError, match=r"^the shopping list cannot be canceled$"):
        at(status).cancel()


def test_the_saga_compensation_accepts_a_list_already_canceled() -> None:
    canceled = at(Status.CANCELED)
    before = len(canceled.pending_events)
    canceled.withdraw()
    assert (canceled.status, len(canceled.pending_events)) == (Status.CANCELED, before)
    available = at(Status.AVAILABLE)
    available.withdraw()
    assert available.status is Status.CANCELED
    with pytest.raises(BadRequestError, match=r"^the shopping list cannot be canceled$"):
        at(Status.COMPLETED).withdraw()
