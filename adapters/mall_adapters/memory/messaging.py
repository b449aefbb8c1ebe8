"""`RecordingSink`: a `MessageSink` that keeps what was sent (unit and contract tests)."""

from __future__ import annotations

from dataclasses import dataclass

import msgspec

from mall_adapters.messaging.binding import MessageSink
from mall_contracts.common.messages import CommandOrigin


@dataclass(frozen=True)
class SentMessage:
    subject: str
    name: str
    message: msgspec.Struct
    origin: CommandOrigin | None = None  # set for commands


class RecordingSink(MessageSink):
    def __init__(self) -> None:
        self.sent: list[SentMessage] = []

    async def send(self, subject: str, name: str, message: msgspec.Struct) -> None:
        self.sent.append(SentMessage(subject, name, message))

    async def command(
        self, subject: str, name: str, message: msgspec.Struct, origin: CommandOrigin
    ) -> None:
        self.sent.append(SentMessage(subject, name, message, origin))

    def names(self) -> list[str]:
        return [m.name for m in self.sent]
