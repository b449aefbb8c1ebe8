"""One message as it travels: id, name, subject, JSON body and NATS headers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from mall_contracts.common.messages import CommandOrigin, ReplyInfo

HEADER_ID = "Nats-Msg-Id"
HEADER_NAME = "Intellimall-Message-Name"
HEADER_OCCURRED_AT = "Intellimall-Occurred-At"
# Commands and replies (the `Command` and `Reply` traits of specs/asyncapi/common.yaml).
HEADER_REPLY_TO = "Intellimall-Reply-To"
HEADER_SAGA_ID = "Intellimall-Saga-Id"
HEADER_SAGA_NAME = "Intellimall-Saga-Name"
HEADER_COMMAND_ID = "Intellimall-Command-Id"
HEADER_OUTCOME = "Intellimall-Reply-Outcome"
SUCCESS, FAILURE = "SUCCESS", "FAILURE"


class MalformedMessageError(ValueError):
    """A delivery without the envelope headers; it can never be handled."""


@dataclass(frozen=True)
class Envelope:
    id: str
    name: str
    subject: str
    data: bytes
    occurred_at: datetime
    extra_headers: Mapping[str, str] = field(default_factory=dict)  # trace context, saga metadata

    def headers(self) -> dict[str, str]:
        return {
            **self.extra_headers,
            HEADER_ID: self.id,
            HEADER_NAME: self.name,
            HEADER_OCCURRED_AT: self.occurred_at.isoformat(),
        }

    @classmethod
    def from_headers(cls, subject: str, data: bytes, headers: Mapping[str, str]) -> Envelope:
        try:
            message_id, name = headers[HEADER_ID], headers[HEADER_NAME]
        except KeyError as missing:
            raise MalformedMessageError(f"message on {subject} lacks header {missing}") from None
        occurred = headers.get(HEADER_OCCURRED_AT)
        own = {HEADER_ID, HEADER_NAME, HEADER_OCCURRED_AT}
        return cls(
            id=message_id,
            name=name,
            subject=subject,
            data=data,
            occurred_at=datetime.fromisoformat(occurred) if occurred else datetime.now(UTC),
            extra_headers={k: v for k, v in headers.items() if k not in own},
        )


def command_headers(origin: CommandOrigin) -> dict[str, str]:
    return {
        HEADER_REPLY_TO: origin.reply_to,
        HEADER_SAGA_ID: origin.saga_id,
        HEADER_SAGA_NAME: origin.saga_name,
    }


def reply_headers(command: Envelope, outcome: str) -> dict[str, str]:
    """The headers of the reply to `command`: the outcome, the command's id and its saga."""
    saga = {
        k: v for k, v in command.extra_headers.items() if k in (HEADER_SAGA_ID, HEADER_SAGA_NAME)
    }
    return {**saga, HEADER_COMMAND_ID: command.id, HEADER_OUTCOME: outcome}


def reply_info(envelope: Envelope) -> ReplyInfo:
    h = envelope.extra_headers
    return ReplyInfo(
        command_id=h.get(HEADER_COMMAND_ID, ""),
        outcome=h.get(HEADER_OUTCOME, FAILURE),
        saga_id=h.get(HEADER_SAGA_ID, ""),
        saga_name=h.get(HEADER_SAGA_NAME, ""),
    )
