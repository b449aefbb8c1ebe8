"""`CommandProcessor`: runs one delivered command so that its effect, its inbox row and its
reply commit together, exactly once.

The reply is the value of the handler's unit of work (or what the handler returned, when it
wrote nothing); it is written to the outbox as a receipt of that unit of work, addressed to
the command's `Intellimall-Reply-To` subject. A `DomainError` that breaks a rule rolls the
effect back and is answered with `am.Failure` (and the inbox row) in a unit of work of its
own, so a rejected command is never redelivered. Conflicts that outlasted their retries and
unreachable collaborators are not answers: they propagate, and the delivery is retried.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import msgspec

from mall.kernel.errors import DomainError, ErrorKind
from mall.kernel.unit_of_work import UnitOfWork
from mall_adapters.messaging.binding import CommandRoute
from mall_adapters.messaging.sink import OutboxSink
from mall_adapters.reliability import receipts
from mall_adapters.reliability.envelope import (
    FAILURE,
    HEADER_REPLY_TO,
    SUCCESS,
    Envelope,
    reply_headers,
)
from mall_adapters.reliability.ports import Inbox
from mall_contracts.common import messages as common

log = logging.getLogger(__name__)
TRANSIENT = {ErrorKind.CONFLICT, ErrorKind.UNAVAILABLE}
COMMON_REPLIES: Mapping[type[msgspec.Struct], str] = {
    common.Success: common.SUCCESS,
    common.Failure: common.FAILURE,
}


class CommandProcessor:
    def __init__(self, inbox: Inbox, uow: UnitOfWork, sink: OutboxSink) -> None:
        self._inbox = inbox
        self._uow = uow
        self._sink = sink

    async def process(
        self,
        envelope: Envelope,
        route: CommandRoute,
        replies: Mapping[type[msgspec.Struct], str],
        *,
        first: bool = False,
    ) -> bool:
        """Handle the command and reply; False when it was a duplicate (handled before).
        `first`: the broker's first delivery, so the inbox look-up is skipped (as in
        `InboxProcessor`: the conflicting inbox row still catches a duplicate)."""
        if not first and await self._inbox.seen(envelope.id):
            return False
        names = {**COMMON_REPLIES, **replies}

        async def answer(result: object) -> None:
            await self._inbox.record(envelope)
            message = result if type(result) in names else common.Success()
            assert isinstance(message, msgspec.Struct)
            await self._reply(envelope, names[type(message)], message, SUCCESS)

        try:
            with receipts.expecting(answer) as receipt:
                result = await route(envelope)
                if not receipt.recorded:  # the handler only checked: reply on its own
                    await self._uow.run(lambda: _value(result))
            return True
        except receipts.AlreadyRecordedError:
            return False
        except DomainError as error:
            if error.kind in TRANSIENT:
                raise
            return await self._fail(envelope, error.message)

    async def _fail(self, envelope: Envelope, reason: str) -> bool:
        async def answer(_result: object) -> None:
            await self._inbox.record(envelope)
            await self._reply(envelope, common.FAILURE, common.Failure(message=reason), FAILURE)

        try:
            with receipts.expecting(answer):
                await self._uow.run(_nothing)
        except receipts.AlreadyRecordedError:
            return False
        return True

    async def _reply(
        self, command: Envelope, name: str, message: msgspec.Struct, outcome: str
    ) -> None:
        subject = command.extra_headers.get(HEADER_REPLY_TO)
        if not subject:  # sent by hand, without a saga waiting for it
            log.info("%s %s names no reply subject; not replying", command.name, command.id)
            return
        await self._sink.publish(subject, name, message, headers=reply_headers(command, outcome))


async def _value(result: object) -> object:
    return result


async def _nothing() -> None:
    return None
