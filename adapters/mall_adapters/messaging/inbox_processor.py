"""`InboxProcessor`: runs one delivered message so that its effect happens exactly once.

A message the inbox has seen is skipped at once. Otherwise its inbox row is registered as a
receipt, so the handler's unit of work records it in the same transaction as the effect (a
handler that writes nothing gets the row recorded on its own). When a concurrent delivery
of the same message committed first, the late one rolls back and counts as a duplicate.
"""

from __future__ import annotations

from mall.kernel.unit_of_work import UnitOfWork
from mall_adapters.messaging.binding import Route
from mall_adapters.reliability import receipts
from mall_adapters.reliability.envelope import Envelope
from mall_adapters.reliability.ports import Inbox


class InboxProcessor:
    def __init__(self, inbox: Inbox, uow: UnitOfWork) -> None:
        self._inbox = inbox
        self._uow = uow

    async def process(self, envelope: Envelope, route: Route) -> bool:
        """Handle the message; False when it was a duplicate (handled before)."""
        if await self._inbox.seen(envelope.id):
            return False

        async def record(_result: object) -> None:
            await self._inbox.record(envelope)

        try:
            with receipts.expecting(record) as receipt:
                await route(envelope)
                if not receipt.recorded:
                    await self._uow.run(_nothing)
        except receipts.AlreadyRecordedError:
            return False
        return True


async def _nothing() -> None:
    return None
