"""NotificationLog: the same behaviour in memory and in PostgreSQL (the customers cache is a
versioned cache: `test_versioned_caches`)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from mall.notifications.domain.notification import Kind, Notification, Status
from mall.notifications.ports import NotificationLog
from mall_adapters.memory.notifications import InMemoryNotificationLog
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.notifications import PostgresNotificationLog
from tests.ports.conftest import scoped

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def note(
    id: str,
    order_id: str = "o1",
    kind: Kind = Kind.ORDER_CREATED,
    customer_id: str = "c1",
    created: float = 0,
) -> Notification:
    return Notification(
        id=id,
        order_id=order_id,
        customer_id=customer_id,
        sms_number="555-0100",
        kind=kind,
        text=f"Hi Ann, about your order {order_id}",
        created_at=at(created),
    )


@pytest.fixture
async def log(backend: Database | None) -> AsyncIterator[NotificationLog]:
    async for port in scoped(backend, InMemoryNotificationLog, PostgresNotificationLog):
        yield port


async def test_one_notification_per_order_and_kind(log: NotificationLog) -> None:
    assert await log.record(note("n1", "o1", Kind.ORDER_CREATED))
    assert not await log.record(note("n2", "o1", Kind.ORDER_CREATED))  # a redelivery
    assert await log.record(note("n3", "o1", Kind.ORDER_READY))
    assert await log.record(note("n4", "o2", Kind.ORDER_CREATED))
    assert [n.id for n in await log.for_customer("c1", 10)] == ["n4", "n3", "n1"]


async def test_a_claim_counts_an_attempt_and_holds_the_row_until_the_lease_ends(
    log: NotificationLog,
) -> None:
    await log.record(note("n1", "o1", created=0))
    await log.record(note("n2", "o2", created=1))
    assert await log.claim_due(at(0.5), at(60), 10) == [replace(note("n1", "o1"), attempts=1)]
    claimed = await log.claim_due(at(2), at(62), 10)
    assert [(n.id, n.attempts) for n in claimed] == [("n2", 1)]
    assert await log.claim_due(at(59), at(119), 10) == []  # both held
    again = await log.claim_due(at(60), at(120), 10)  # n1's claimant died mid-send
    assert [(n.id, n.attempts, n.status) for n in again] == [("n1", 2, Status.PENDING)]


async def test_claims_take_the_earliest_due_first_up_to_the_limit(log: NotificationLog) -> None:
    for i in range(3):
        await log.record(note(f"n{i}", f"o{i}", created=i))
    assert [n.id for n in await log.claim_due(at(10), at(70), 2)] == ["n0", "n1"]
    assert [n.id for n in await log.claim_due(at(10), at(70), 2)] == ["n2"]


async def test_a_sent_notification_is_never_due_again(log: NotificationLog) -> None:
    await log.record(note("n1"))
    await log.claim_due(at(0), at(60), 10)
    await log.mark_sent("n1", at(1))
    await log.retry_at("n1", "late", at(2))  # a sent row stays as it is
    await log.mark_failed("n1", "late")
    assert await log.claim_due(at(3600), at(3660), 10) == []
    [sent] = await log.for_customer("c1", 10)
    assert (sent.status, sent.sent_at, sent.error, sent.attempts) == (Status.SENT, at(1), "", 1)


async def test_a_retry_keeps_the_error_and_waits_for_its_time(log: NotificationLog) -> None:
    await log.record(note("n1"))
    await log.claim_due(at(0), at(60), 10)
    await log.retry_at("n1", "SmsError: 503", at(2))
    assert await log.claim_due(at(1), at(61), 10) == []
    [again] = await log.claim_due(at(2), at(62), 10)
    assert (again.attempts, again.error, again.status) == (2, "SmsError: 503", Status.PENDING)


async def test_a_failed_notification_is_never_due(log: NotificationLog) -> None:
    await log.record(note("n1", "o1"))
    await log.record(note("n2", "o2").failed("customer was not located"))
    await log.claim_due(at(0), at(60), 10)
    await log.mark_failed("n1", "SmsError: 500")
    await log.mark_sent("n1", at(1))  # a failed row stays failed
    assert await log.claim_due(at(3600), at(3660), 10) == []
    listed = {n.id: (n.status, n.error, n.sent_at) for n in await log.for_customer("c1", 10)}
    assert listed == {
        "n1": (Status.FAILED, "SmsError: 500", None),
        "n2": (Status.FAILED, "customer was not located", None),
    }


async def test_a_customers_notifications_newest_first_and_bounded(log: NotificationLog) -> None:
    await log.record(note("n1", "o1", created=0))
    await log.record(note("n2", "o2", created=5))
    await log.record(note("n3", "o3", created=5))  # same time: the later recorded first
    await log.record(note("x1", "o4", customer_id="c2", created=9))
    assert [n.id for n in await log.for_customer("c1", 10)] == ["n3", "n2", "n1"]
    assert [n.id for n in await log.for_customer("c1", 2)] == ["n3", "n2"]
    assert await log.for_customer("nobody", 10) == []
    assert await log.for_customer("c\x001", 10) == []  # no id holds NUL


async def test_a_notification_round_trips(log: NotificationLog) -> None:
    original = Notification(
        id="n1",
        order_id="o1",
        customer_id="c1",
        sms_number="+44 20 7946 0958",
        kind=Kind.ORDER_COMPLETED,
        text="Hi Zoë 🎉, your order o1 is completed. Thank you!",
        created_at=at(0.123456),
    )
    await log.record(original)
    assert await log.for_customer("c1", 1) == [original]


async def test_concurrent_claims_never_take_the_same_row(db: Database) -> None:
    log = PostgresNotificationLog(db)
    async with db.transaction():
        for i in range(4):
            await log.record(note(f"n{i}", f"o{i}", created=i))
    first_claimed = asyncio.Event()
    release = asyncio.Event()

    async def hold_a_claim() -> list[str]:
        async with db.transaction():
            claimed = await log.claim_due(at(10), at(70), 2)
            first_claimed.set()
            await release.wait()  # still uncommitted while the other claims
        return [n.id for n in claimed]

    holder = asyncio.create_task(hold_a_claim())
    await first_claimed.wait()
    async with db.transaction():
        other = [n.id for n in await log.claim_due(at(10), at(70), 10)]
    release.set()
    assert sorted([*await holder, *other]) == ["n0", "n1", "n2", "n3"]
    assert set(await holder).isdisjoint(other)
