"""`SmsDispatcher`: delivers the recorded notifications through the `SmsSender`.

Claims are short units of work; sending happens with no transaction open. See the module
docstring for why an SMS is sent once per (order, kind).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import timedelta

from mall.kernel.ports import Clock
from mall.kernel.unit_of_work import UnitOfWork
from mall.notifications.domain.notification import Notification
from mall.notifications.ports import NotificationLog, Sms, SmsSender

log = logging.getLogger(__name__)
INTERRUPTED = "the last delivery attempt was interrupted"
ERROR_LIMIT = 2000  # characters of an error kept (and shown by the API)


@dataclass(frozen=True)
class DeliveryPolicy:
    max_attempts: int = 5  # then the notification is marked failed
    first_retry_seconds: float = 1.0  # doubles per failed attempt
    max_retry_seconds: float = 60.0
    lease_seconds: float = 60.0  # longer than the sender's timeout: a claim outlives its send
    batch_size: int = 10  # sent concurrently
    poll_seconds: float = 1.0  # also picks up retries and other processes' notifications

    def retry_delay(self, attempts: int) -> timedelta:
        seconds = self.first_retry_seconds * 2 ** (attempts - 1)
        return timedelta(seconds=min(seconds, self.max_retry_seconds))


class SmsDispatcher:
    def __init__(
        self,
        uow: UnitOfWork,
        log: NotificationLog,
        sender: SmsSender,
        clock: Clock,
        policy: DeliveryPolicy | None = None,
    ) -> None:
        self._uow = uow
        self._log = log
        self._sender = sender
        self._clock = clock
        self.policy = policy or DeliveryPolicy()
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """A notification was recorded: deliver it now rather than at the next poll."""
        self._wake.set()

    async def run(self) -> None:
        """Deliver due notifications until cancelled; waits for `wake` or the poll interval
        when none is due. A failing storage is logged and tried again at the next turn."""
        while True:
            self._wake.clear()  # before the batch: a wake during it is not lost
            try:
                delivered = await self.deliver_due()
            except Exception as error:
                log.warning("delivering notifications failed: %s: %s", type(error).__name__, error)
                delivered = 0
            if delivered < self.policy.batch_size:
                try:
                    async with asyncio.timeout(self.policy.poll_seconds):
                        await self._wake.wait()
                except TimeoutError:
                    pass

    async def deliver_due(self) -> int:
        """One batch: claim the due notifications, send them (concurrently, outside any unit
        of work) and record each outcome. Returns how many were claimed."""
        now = self._clock.now()
        lease_until = now + timedelta(seconds=self.policy.lease_seconds)
        claimed = await self._uow.run(
            lambda: self._log.claim_due(now, lease_until, self.policy.batch_size)
        )
        await asyncio.gather(*(self._deliver(n) for n in claimed))
        return len(claimed)

    async def _deliver(self, notification: Notification) -> None:
        if notification.attempts > self.policy.max_attempts:  # its sender died mid-send
            error = notification.error or INTERRUPTED
            await self._uow.run(lambda: self._log.mark_failed(notification.id, error))
            return
        sms = Sms(
            notification_id=notification.id,
            to=notification.sms_number,
            text=notification.text,
            order_id=notification.order_id,
            kind=notification.kind.value,
        )
        try:
            await self._sender.send(sms)
        except Exception as failure:  # a bug in a sender must not stop the others either
            error = f"{type(failure).__name__}: {failure}"[:ERROR_LIMIT]
            await self._failed(notification, error)
        else:
            sent_at = self._clock.now()
            await self._uow.run(lambda: self._log.mark_sent(notification.id, sent_at))

    async def _failed(self, notification: Notification, error: str) -> None:
        if notification.attempts >= self.policy.max_attempts:
            log.error(
                "notification %s (%s, order %s) failed after %d attempts: %s",
                notification.id,
                notification.kind.value,
                notification.order_id,
                notification.attempts,
                error,
            )
            await self._uow.run(lambda: self._log.mark_failed(notification.id, error))
            return
        log.warning(
            "notification %s: attempt %d failed: %s", notification.id, notification.attempts, error
        )
        due = self._clock.now() + self.policy.retry_delay(notification.attempts)
        await self._uow.run(lambda: self._log.retry_at(notification.id, error, due))
