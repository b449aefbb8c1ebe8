"""The delivery ports of one backend (memory or PostgreSQL), for the reliability port suites."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from mall_adapters.memory.reliability import (
    InMemoryDeadLetters,
    InMemoryIdempotencyRecords,
    InMemoryInbox,
    InMemoryOutbox,
)
from mall_adapters.memory.system import FixedClock
from mall_adapters.memory.unit_of_work import InMemoryUnitOfWork
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.dead_letters import PostgresDeadLetters
from mall_adapters.postgres.idempotency import PostgresIdempotencyRecords
from mall_adapters.postgres.inbox import PostgresInbox
from mall_adapters.postgres.outbox import PostgresOutbox
from mall_adapters.postgres.unit_of_work import PostgresUnitOfWork
from mall_adapters.reliability.envelope import Envelope
from mall_adapters.reliability.ports import DeadLetters, IdempotencyRecords, Inbox, Outbox
from mall_adapters.reliability.unit_of_work import RetryingUnitOfWork

MODULE = "stores"
TTL_SECONDS = 3600.0


@dataclass
class Delivery:
    uow: RetryingUnitOfWork
    outbox: Outbox
    inbox: Inbox
    dead_letters: DeadLetters
    idempotency: IdempotencyRecords


def delivery(backend: Database | None) -> Delivery:
    if backend is None:
        clock = FixedClock(datetime.now(UTC))
        return Delivery(
            InMemoryUnitOfWork(),
            InMemoryOutbox(MODULE),
            InMemoryInbox(),
            InMemoryDeadLetters(MODULE, clock),
            InMemoryIdempotencyRecords(clock, TTL_SECONDS),
        )
    return Delivery(
        PostgresUnitOfWork(backend),
        PostgresOutbox(backend, MODULE),
        PostgresInbox(backend, MODULE),
        PostgresDeadLetters(backend, MODULE),
        PostgresIdempotencyRecords(backend, MODULE, TTL_SECONDS),
    )


def envelope(body: bytes = b"{}", *, seconds: float = 0.0, message_id: str = "") -> Envelope:
    """A message that occurred `seconds` after a fixed moment."""
    return Envelope(
        id=message_id or str(uuid.uuid4()),
        name="tests.Thing",
        subject="intellimall.tests.events.Thing",
        data=body,
        occurred_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds),
        extra_headers={"traceparent": "00-abc-def-01"},
    )
