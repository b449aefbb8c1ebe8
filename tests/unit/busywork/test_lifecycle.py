"""The order lifecycle against a fake mall on virtual time: which requests follow an order
of each fate, in which order; how the tally counts what the mall answered; and the
deadlines, reached by polling at the client's pace rather than spinning."""

from __future__ import annotations

from mall_adapters.busywork import lifecycle
from mall_adapters.busywork.actor import MIN_POLL_SECONDS
from mall_adapters.busywork.choices import Fate
from tests.unit.busywork.fake_mall import FakeMall, Plan
from tests.unit.busywork.scene import scene

POLL = 0.5  # the poll pause at speed 1
NEVER = 10**9


def looks(order_id: str, times: int) -> list[str]:
    return [f"GET /api/ordering/{order_id}"] * times


async def test_a_completed_order_is_assigned_completed_paid_and_followed_to_the_end() -> None:
    mall = FakeMall()
    plan = Plan(unknown_looks=2, pending_looks=1, approved_looks=1, invoice_missing=2)
    order_id = mall.checked_out(plan)
    async with scene(mall) as s:
        await lifecycle.follow(s.actor, order_id, Fate.COMPLETE, "bot-3")
    pay = f"PUT /api/payments/invoices/{order_id}/pay"
    assert mall.requests == [
        *looks(order_id, 4),  # 404, 404, pending, approved
        f"PUT /api/depot/shopping/list-{order_id}/assign",
        f"PUT /api/depot/shopping/list-{order_id}/complete",
        *looks(order_id, 2),  # approved, ready
        pay,  # 404: payments has not made the invoice yet
        pay,  # 404
        pay,
        *looks(order_id, 1),  # completed
    ]
    assert (mall.orders[order_id].status, mall.orders[order_id].bot) == ("completed", "bot-3")
    assert s.tally.orders == {order_id: "completed"}
    assert (s.tally.ok, s.tally.expected_4xx, s.tally.unexpected_4xx) == (8, 4, 0)
    assert s.tally.by_status == {404: 4}
    assert s.tally.faults == 0


async def test_a_cancelled_order_is_cancelled_and_never_completed() -> None:
    mall = FakeMall()
    order_id = mall.checked_out(Plan(pending_looks=2))
    async with scene(mall) as s:
        await lifecycle.follow(s.actor, order_id, Fate.CANCEL, "bot-1")
    assert mall.requests == [*looks(order_id, 3), f"DELETE /api/ordering/{order_id}"]
    assert mall.orders[order_id].status == "cancelled"
    assert s.tally.orders == {order_id: "cancelled"}
    assert not any("/api/depot/" in r or "/pay" in r for r in mall.requests)


async def test_a_kept_order_and_a_rejected_one_are_only_looked_at() -> None:
    mall = FakeMall()
    kept = mall.checked_out(Plan())
    rejected = mall.checked_out(Plan(approve=False))
    async with scene(mall) as s:
        await lifecycle.follow(s.actor, kept, Fate.KEEP, "bot-1")
        await lifecycle.follow(s.actor, rejected, Fate.COMPLETE, "bot-1")
    assert mall.requests == [*looks(kept, 1), *looks(rejected, 1)]
    assert s.tally.orders == {kept: "approved", rejected: "rejected"}


async def test_a_refused_cancel_is_an_unexpected_4xx_and_the_order_is_not_counted_cancelled() -> (
    None
):
    mall = FakeMall()
    order_id = mall.checked_out(Plan())
    mall.refuse[f"DELETE /api/ordering/{order_id}"].append(409)
    async with scene(mall) as s:
        await lifecycle.follow(s.actor, order_id, Fate.CANCEL, "bot-1")
    assert mall.orders[order_id].status == "approved"
    assert s.tally.orders == {order_id: "approved"}
    assert (s.tally.expected_4xx, s.tally.unexpected_4xx, s.tally.by_status) == (0, 1, {409: 1})
    assert s.tally.faults == 0
    assert any(f"{order_id[:8]} is having a hard time: 409" in line for line in s.lines)


async def test_an_assignment_refused_stops_the_order_before_completing_or_paying() -> None:
    mall = FakeMall()
    order_id = mall.checked_out(Plan())
    mall.refuse[f"PUT /api/depot/shopping/list-{order_id}/assign"].append(409)
    async with scene(mall) as s:
        await lifecycle.follow(s.actor, order_id, Fate.COMPLETE, "bot-1")
    assert mall.requests[-1] == f"PUT /api/depot/shopping/list-{order_id}/assign"
    assert (s.tally.unexpected_4xx, s.tally.orders) == (1, {order_id: "approved"})


async def test_an_order_that_never_moves_is_lost_at_the_deadline_polled_at_the_clients_pace() -> (
    None
):
    mall = FakeMall()
    order_id = mall.checked_out(Plan(pending_looks=NEVER))
    async with scene(mall) as s:
        await lifecycle.follow(s.actor, order_id, Fate.COMPLETE, "bot-1")
    polls = int(lifecycle.WAIT_SECONDS / POLL)
    assert mall.requests == looks(order_id, polls)
    assert s.time.sleeps == [POLL] * polls
    assert s.time.now == lifecycle.WAIT_SECONDS
    assert s.tally.orders == {order_id: "lost"}
    assert any(f"{order_id[:8]} is lost: still pending" in line for line in s.lines)


async def test_an_order_not_made_yet_counts_expected_404s_until_it_is_lost() -> None:
    mall = FakeMall()
    async with scene(mall) as s:
        await lifecycle.follow(s.actor, "basket-9", Fate.COMPLETE, "bot-1")
    polls = int(lifecycle.WAIT_SECONDS / POLL)
    assert mall.requests == looks("basket-9", polls)
    assert (s.tally.expected_4xx, s.tally.unexpected_4xx, s.tally.by_status) == (
        polls,
        0,
        {404: polls},
    )
    assert s.tally.orders == {"basket-9": "lost"}


async def test_a_fast_client_still_polls_no_faster_than_the_floor() -> None:
    mall = FakeMall()
    order_id = mall.checked_out(Plan(unknown_looks=1, pending_looks=2))
    async with scene(mall) as s:
        s.actor.speed = 1e6
        await lifecycle.follow(s.actor, order_id, Fate.KEEP, "bot-1")
    assert mall.requests == looks(order_id, 4)
    assert s.time.sleeps == [MIN_POLL_SECONDS] * 3


async def test_an_invoice_never_made_is_given_up_once_past_the_deadline() -> None:
    mall = FakeMall()
    order_id = mall.checked_out(Plan(invoice_missing=NEVER))
    async with scene(mall) as s:
        await lifecycle.follow(s.actor, order_id, Fate.COMPLETE, "bot-1")
    pays = [r for r in mall.requests if r.endswith("/pay")]
    # Tries at 0, 0.5, ... 60 s (not past the deadline yet), and at 60.5 s: given up.
    assert len(pays) == int(lifecycle.WAIT_SECONDS / POLL) + 2
    assert mall.requests[-len(pays) :] == pays  # nothing after giving up
    assert s.time.sleeps[-(len(pays) - 1) :] == [POLL] * (len(pays) - 1)
    assert s.tally.orders == {order_id: "ready"}
    assert s.tally.expected_4xx == len(pays)
    assert any("having a hard time: 404" in line for line in s.lines)


async def test_a_fault_of_the_simulator_is_counted_and_shown() -> None:
    mall = FakeMall()
    order_id = mall.checked_out(Plan())

    async def broken(seconds: float) -> None:
        raise RuntimeError("the dice fell off the table")

    async with scene(mall) as s:
        s.actor.sleep = broken
        await lifecycle.follow(s.actor, order_id, Fate.COMPLETE, "bot-1")
    assert s.tally.faults == 1
    assert any("busywork fault following" in line for line in s.lines)
    assert mall.requests == looks(order_id, 1)
