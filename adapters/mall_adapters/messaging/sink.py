"""`OutboxSink`: every publish of a module goes to its outbox, in the caller's transaction."""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

from mall.kernel.ports import Clock, IdGenerator
from mall_adapters.messaging.binding import MessageSink
from mall_adapters.observability.metrics import MessageMetrics
from mall_adapters.observability.tracing import producer_span
from mall_adapters.reliability.envelope import Envelope, command_headers
from mall_adapters.reliability.ports import Outbox
from mall_contracts.common.messages import CommandOrigin


class OutboxSink(MessageSink):
    def __init__(
        self, outbox: Outbox, clock: Clock, ids: IdGenerator, metrics: MessageMetrics
    ) -> None:
        self._outbox = outbox
        self._clock = clock
        self._ids = ids
        self._metrics = metrics
        self._encoder = msgspec.json.Encoder()

    async def send(self, subject: str, name: str, message: msgspec.Struct) -> None:
        await self.publish(subject, name, message)

    async def command(
        self, subject: str, name: str, message: msgspec.Struct, origin: CommandOrigin
    ) -> None:
        await self.publish(
            subject, name, message, message_id=origin.command_id, headers=command_headers(origin)
        )

    async def publish(
        self,
        subject: str,
        name: str,
        message: msgspec.Struct,
        *,
        message_id: str = "",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Add one message to the outbox (a new id unless `message_id` is given)."""
        message_id = message_id or self._ids.new_id()
        with producer_span(name, message_id, subject) as trace_headers:
            await self._outbox.add(
                Envelope(
                    id=message_id,
                    name=name,
                    subject=subject,
                    data=self._encoder.encode(message),
                    occurred_at=self._clock.now(),
                    extra_headers={**(headers or {}), **trace_headers},
                )
            )
        self._metrics.sent(name)
