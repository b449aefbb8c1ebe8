"""The SmsDispatcher: every recorded notification is sent once, outside any unit of work; a
failing gateway is retried a bounded number of times, then the notification is failed."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from mall.notifications.application.delivery import INTERRUPTED
from mall.notifications.domain.notification import Kind, Status
from mall.notifications.ports import Sms
from tests.support.polling import eventually
from tests.unit.notifications.conftest import NotificationsCore


async def test_a_recorded_notification_is_sent_once(core: NotificationsCore) -> None:
    ann = await core.registered("Ann", "555-0100")
    await core.order_readied("o1", ann)
    [recorded] = core.recorded()
    assert await core.dispatcher.deliver_due() == 1
    assert core.sender.sent == [
        Sms(
            notification_id=recorded.id,
            to="555-0100",
            text="Hi Ann, your order o1 is ready for pickup.",
            order_id="o1",
            kind="order_ready",
        )
    ]
    [sent] = core.recorded()
    assert (sent.status, sent.sent_at, sent.attempts) == (Status.SENT, core.clock.now(), 1)
    core.clock.advance(3600)
    assert await core.dispatcher.deliver_due() == 0
    assert len(core.sender.sent) == 1


async def test_a_refused_sms_is_retried_with_growing_delays_then_failed(
    core: NotificationsCore,
) -> None:
    policy = core.dispatcher.policy
    ann = await core.registered("Ann", "555-0100")
    core.sender.refusals["555-0100"] = "the gateway answered 503"
    await core.order_created("o1", ann)
    delays = []
    for attempt in range(1, policy.max_attempts):
        assert await core.dispatcher.deliver_due() == 1
        [pending] = core.recorded()
        assert (pending.status, pending.attempts) == (Status.PENDING, attempt)
        assert pending.error == "SmsError: the gateway answered 503"
        delay = policy.retry_delay(attempt)
        core.clock.advance(delay.total_seconds() - 0.001)
        assert await core.dispatcher.deliver_due() == 0  # not due yet
        core.clock.advance(0.001)
        delays.append(delay)
    assert delays == sorted(delays) and delays[0] < delays[-1]
    assert await core.dispatcher.deliver_due() == 1  # the last attempt
    [failed] = core.recorded()
    assert (failed.status, failed.attempts, failed.error) == (
        Status.FAILED,
        policy.max_attempts,
        "SmsError: the gateway answered 503",
    )
    core.clock.advance(3600)
    assert await core.dispatcher.deliver_due() == 0
    assert (core.sender.attempts, core.sender.sent) == (policy.max_attempts, [])


async def test_a_failing_number_does_not_hold_the_others_back(core: NotificationsCore) -> None:
    ann = await core.registered("Ann", "555-0100")
    bob = await core.registered("Bob", "555-0142")
    core.sender.refusals["555-0100"] = "unknown number"
    await core.order_created("o1", ann)
    await core.order_created("o2", bob)
    assert await core.dispatcher.deliver_due() == 2
    assert [sms.to for sms in core.sender.sent] == ["555-0142"]
    del core.sender.refusals["555-0100"]
    core.clock.advance(core.dispatcher.policy.retry_delay(1).total_seconds())
    assert await core.dispatcher.deliver_due() == 1
    assert [sms.to for sms in core.sender.sent] == ["555-0142", "555-0100"]


async def test_a_claim_whose_sender_died_is_sent_after_the_lease(core: NotificationsCore) -> None:
    ann = await core.registered()
    await core.order_created("o1", ann)
    now = core.clock.now()
    lease = timedelta(seconds=core.dispatcher.policy.lease_seconds)
    await core.log.claim_due(now, now + lease, 10)  # a dispatcher claimed it, then died
    assert await core.dispatcher.deliver_due() == 0
    core.clock.advance(lease.total_seconds())
    assert await core.dispatcher.deliver_due() == 1
    [sent] = core.recorded()
    assert (sent.status, sent.attempts, len(core.sender.sent)) == (Status.SENT, 2, 1)


async def test_an_interrupted_last_attempt_fails_without_sending(core: NotificationsCore) -> None:
    ann = await core.registered()
    await core.order_created("o1", ann)
    lease = core.dispatcher.policy.lease_seconds
    for _ in range(core.dispatcher.policy.max_attempts):  # every claimant died mid-send
        now = core.clock.now()
        await core.log.claim_due(now, now + timedelta(seconds=lease), 10)
        core.clock.advance(lease)
    assert await core.dispatcher.deliver_due() == 1
    [failed] = core.recorded()
    assert (failed.status, failed.error, core.sender.attempts) == (Status.FAILED, INTERRUPTED, 0)


async def test_the_running_dispatcher_sends_what_the_policies_record(
    core: NotificationsCore,
) -> None:
    ann = await core.registered("Ann", "555-0100")

    async def statuses() -> list[Status]:
        return [n.status for n in core.recorded()]

    worker = asyncio.create_task(core.dispatcher.run())
    try:
        await core.order_created("o1", ann)
        await core.order_readied("o1", ann)
        sent = await eventually(statuses, lambda found: found == [Status.SENT, Status.SENT])
        assert sent == [Status.SENT, Status.SENT]
        assert [sms.kind for sms in core.sender.sent] == [
            Kind.ORDER_CREATED.value,
            Kind.ORDER_READY.value,
        ]
    finally:
        worker.cancel()
