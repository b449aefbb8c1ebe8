"""`InboxProcessor`: runs one delivered message so that its effect happens exactly once.

The message's inbox row is registered as a receipt, so the handler's unit of work records it
in the same transaction as the effect (a handler that writes nothing gets the row recorded on
its own). When a delivery of the same message committed first (or concurrently), the row
conflicts: the late transaction rolls back and the message counts as a duplicate. A
redelivered or replayed message is first looked up in the inbox and skipped at once when
seen; a first delivery skips that look-up (one round trip per message), since it is almost
never a duplicate and the conflicting row catches the rare one.
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

    async def process(self, envelope: Envelope, route: Route, *, first: bool = False) -> bool:
        """Handle the message; False when it was a duplicate (handled before). `first`: this
        is the broker's first delivery of it, so the inbox look-up is skipped."""
        if not first and await self._inbox.seen(envelope.id):
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
