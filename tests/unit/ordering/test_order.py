"""The Order aggregate itself: replay and snapshots give back the same state; which status
allows which change."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mall.kernel.errors import BadRequestError
from mall.ordering.domain.events import OrderItem, OrderStatus
from mall.ordering.domain.order import MAX_TOTAL, Order

LINES = (
    OrderItem("s1", "p1", "Store", "Wand", 9.99, 2),
    OrderItem("s2", "p2", "Shop", "Cape", 5.0, 3),
)


def pending() -> Order:
    order = Order("o1")
    order.create("c1", "pay-1", LINES)
    return order


def in_status(status: OrderStatus) -> Order:
    """An order brought to `status` the only way there is."""
    order = pending()
    steps: dict[OrderStatus, list[Callable[[Order], None]]] = {
        OrderStatus.PENDING: [],
        OrderStatus.REJECTED: [Order.reject],
        OrderStatus.APPROVED: [lambda o: o.approve("list-1")],
        OrderStatus.READY: [lambda o: o.approve("list-1"), Order.ready],
        OrderStatus.COMPLETED: [
            lambda o: o.approve("list-1"),
            Order.ready,
            lambda o: o.complete("o1"),
        ],
        OrderStatus.CANCELLED: [Order.cancel],
    }
    for step in steps[status]:
        step(order)
    assert order.status is status
    return order


def test_the_total_is_price_times_quantity() -> None:
    assert pending().total == pytest.approx(9.99 * 2 + 5.0 * 3)


def test_replay_and_snapshot_restore_the_same_state() -> None:
    original = in_status(OrderStatus.COMPLETED)
    replayed = Order("o1")
    for version, event in enumerate(original.pending_events, start=1):
        replayed.replay(event, version)
    restored = Order("o1")
    restored.restore(original.snapshot())
    assert replayed.snapshot() == restored.snapshot() == original.snapshot()
    assert original.snapshot().status is OrderStatus.COMPLETED
    assert (original.shopping_id, original.invoice_id) == ("list-1", "o1")


def test_the_invoice_is_the_order_once_ready() -> None:
    assert in_status(OrderStatus.APPROVED).invoice_id == ""
    assert in_status(OrderStatus.READY).invoice_id == "o1"


def test_a_total_beyond_what_messages_carry_is_refused() -> None:
    huge = OrderItem("s1", "p1", "Store", "Gold", 99_999_999.9999, 10_000)
    with pytest.raises(BadRequestError, match=r"^create order command: the order total cannot"):
        Order("o1").create("c1", "pay-1", [huge, huge])
    Order("o2").create("c1", "pay-1", [huge])
    assert huge.price * huge.quantity <= MAX_TOTAL


CHANGES: dict[str, tuple[Callable[[Order], None], set[OrderStatus], str]] = {
    "reject": (Order.reject, {OrderStatus.PENDING}, "the order cannot be rejected"),
    "approve": (
        lambda o: o.approve("list-2"),
        {OrderStatus.PENDING},
        "the order cannot be approved",
    ),
    "ready": (Order.ready, {OrderStatus.APPROVED}, "the order cannot be readied"),
    "complete": (
        lambda o: o.complete("o1"),
        {OrderStatus.READY},
        "the order cannot be completed",
    ),
    "cancel": (
        Order.cancel,
        {OrderStatus.PENDING, OrderStatus.APPROVED, OrderStatus.READY},
        "the order cannot be cancelled",
    ),
}
STATUSES = [s for s in OrderStatus if s is not OrderStatus.UNKNOWN]


@pytest.mark.parametrize("change", sorted(CHANGES))
@pytest.mark.parametrize("status", STATUSES)
def test_which_status_allows_which_change(change: str, status: OrderStatus) -> None:
    decide, allowed, error = CHANGES[change]
    order = in_status(status)
    before = len(order.pending_events)
    idempotent = change == "reject" and status in (OrderStatus.REJECTED, OrderStatus.CANCELLED)
    if status in allowed:
        decide(order)
        assert len(order.pending_events) == before + 1
    elif idempotent:
        decide(order)
        assert len(order.pending_events) == before
    else:
        with pytest.raises(BadRequestError, match=rf"^{error}$"):
            decide(order)
        assert len(order.pending_events) == before
        assert order.status is status


def test_approving_again_with_the_same_list_changes_nothing() -> None:
    order = in_status(OrderStatus.APPROVED)
    before = len(order.pending_events)
    order.approve("list-1")
    assert len(order.pending_events) == before
    with pytest.raises(BadRequestError, match=r"^the order cannot be approved$"):
        order.approve("list-2")
    with pytest.raises(BadRequestError, match=r"^the shopping id cannot be blank$"):
        pending().approve(" ")
