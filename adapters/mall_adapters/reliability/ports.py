"""Ports of the delivery machinery. Relay, consumers, the Operations API and HTTP
idempotency use only these; PostgreSQL and memory implement them (held alike by
`tests/ports`). Each module has its own instance of each (its own schema)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from mall_adapters.reliability.envelope import Envelope

RELAY = "outbox-relay"
"""The `consumer` of a dead letter the outbox relay parked (a message it cannot publish)."""


@dataclass(frozen=True)
class DeadLetter:
    module: str
    consumer: str  # a durable consumer name, or RELAY
    envelope: Envelope
    error: str
    deliveries: int  # deliveries (or publish attempts) before it was parked
    failed_at: datetime
    replayed_at: datetime | None


@dataclass(frozen=True)
class StoredResponse:
    """The first response to a request sent with an `Idempotency-Key`."""

    fingerprint: str  # of the request it answered (method, path, body)
    status: int
    body: bytes


class Outbox(Protocol):
    """A module's outgoing messages, published in the order they were written.

    `add` writes in the caller's unit of work (a repeated message id is ignored); the other
    methods work on their own, outside any unit of work.
    """

    module: str

    async def add(self, envelope: Envelope) -> None: ...

    async def unpublished(self, limit: int) -> list[Envelope]:
        """Up to `limit` unpublished messages, oldest first (by `occurred_at`, then by the
        order they were added)."""
        ...

    async def mark_published(self, message_ids: Sequence[str]) -> None: ...

    async def backlog(self) -> int:
        """How many messages wait to be published."""
        ...

    async def remove(self, message_id: str) -> None:
        """Take a message out of the queue (it was parked as a dead letter)."""
        ...


class OutboxWatch(Protocol):
    """When to relay: which modules this process leads (exactly one process relays a
    module's outbox at a time, so order holds) and when new messages were added."""

    def leads(self, module: str) -> bool: ...

    async def wait(self, module: str, seconds: float) -> None:
        """Return when messages were added to `module`'s outbox, or after `seconds`."""
        ...


class Inbox(Protocol):
    """The ids of the messages a module has handled (idempotent consumers)."""

    async def seen(self, message_id: str) -> bool:
        """True when the message was handled and committed before."""
        ...

    async def record(self, envelope: Envelope) -> None:
        """Record the message in the caller's unit of work; raises `AlreadyRecordedError` when
        another delivery of it recorded it first."""
        ...


class DeadLetters(Protocol):
    """Messages a consumer gave up on, or the relay could not publish, with the error.

    Every method works on its own, outside any unit of work. Parking the same (id,
    consumer) again replaces the earlier letter and makes it unreplayed."""

    module: str

    async def park(
        self, consumer: str, envelope: Envelope, error: str, deliveries: int
    ) -> None: ...

    async def list(self, *, include_replayed: bool = False) -> list[DeadLetter]:
        """Oldest failure first."""
        ...

    async def get(self, message_id: str, consumer: str) -> DeadLetter | None: ...

    async def mark_replayed(self, message_id: str, consumer: str) -> None: ...


class Replayer(Protocol):
    """Runs a parked message again: a consumer through its handler, the relay by queueing
    it for publishing again."""

    async def replay(self, letter: DeadLetter) -> bool:
        """False when the letter is not this replayer's (another consumer's); raises what
        the replay raises."""
        ...


class IdempotencyRecords(Protocol):
    """Responses to requests sent with an `Idempotency-Key`, kept for a time to live."""

    async def find(self, key: str) -> StoredResponse | None:
        """The response stored under `key`, unless it expired."""
        ...

    async def record(self, key: str, response: StoredResponse) -> None:
        """Store in the caller's unit of work (replacing an expired record); raises
        `AlreadyRecordedError` when a live record holds the key."""
        ...

    async def purge_expired(self) -> int:
        """Delete expired records; returns how many."""
        ...
