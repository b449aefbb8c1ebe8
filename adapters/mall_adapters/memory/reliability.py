"""The delivery ports in memory: outbox, watch, inbox, dead letters, idempotency records."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from mall.kernel.ports import Clock
from mall_adapters.reliability.envelope import Envelope
from mall_adapters.reliability.ports import (
    DeadLetter,
    DeadLetters,
    IdempotencyRecords,
    Inbox,
    Outbox,
    OutboxWatch,
    StoredResponse,
)
from mall_adapters.reliability.receipts import AlreadyRecordedError


class InMemoryOutboxWatch(OutboxWatch):
    """Leads every module (one process); `notify` is what an outbox insert triggers."""

    def __init__(self) -> None:
        self._wake: dict[str, asyncio.Event] = {}

    def leads(self, module: str) -> bool:
        return True

    def notify(self, module: str) -> None:
        self._wake.setdefault(module, asyncio.Event()).set()

    async def wait(self, module: str, seconds: float) -> None:
        event = self._wake.setdefault(module, asyncio.Event())
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await event.wait()
        event.clear()


@dataclass
class _Row:
    position: int
    envelope: Envelope
    published: bool = False


class InMemoryOutbox(Outbox):
    def __init__(self, module: str, watch: InMemoryOutboxWatch | None = None) -> None:
        self.module = module
        self.rows: dict[str, _Row] = {}
        self._positions = itertools.count()
        self._watch = watch

    async def add(self, envelope: Envelope) -> None:
        if envelope.id not in self.rows:
            self.rows[envelope.id] = _Row(next(self._positions), envelope)
            if self._watch is not None:
                self._watch.notify(self.module)

    async def unpublished(self, limit: int) -> list[Envelope]:
        waiting = [row for row in self.rows.values() if not row.published]
        waiting.sort(key=lambda row: (row.envelope.occurred_at, row.position))
        return [row.envelope for row in waiting[:limit]]

    async def mark_published(self, message_ids: Sequence[str]) -> None:
        for message_id in message_ids:
            if message_id in self.rows:
                self.rows[message_id].published = True

    async def backlog(self) -> int:
        return sum(not row.published for row in self.rows.values())

    async def remove(self, message_id: str) -> None:
        self.rows.pop(message_id, None)


class InMemoryInbox(Inbox):
    def __init__(self) -> None:
        self.handled: dict[str, Envelope] = {}

    async def seen(self, message_id: str) -> bool:
        return message_id in self.handled

    async def record(self, envelope: Envelope) -> None:
        if envelope.id in self.handled:
            raise AlreadyRecordedError(f"{envelope.name} {envelope.id} was handled already")
        self.handled[envelope.id] = envelope


class InMemoryDeadLetters(DeadLetters):
    def __init__(self, module: str, clock: Clock) -> None:
        self.module = module
        self._clock = clock
        self.letters: dict[tuple[str, str], DeadLetter] = {}

    async def park(self, consumer: str, envelope: Envelope, error: str, deliveries: int) -> None:
        self.letters[envelope.id, consumer] = DeadLetter(
            self.module, consumer, envelope, error, deliveries, self._clock.now(), None
        )

    async def list(self, *, include_replayed: bool = False) -> list[DeadLetter]:
        found = [d for d in self.letters.values() if include_replayed or d.replayed_at is None]
        return sorted(found, key=lambda d: (d.failed_at, d.envelope.id))

    async def get(self, message_id: str, consumer: str) -> DeadLetter | None:
        return self.letters.get((message_id, consumer))

    async def mark_replayed(self, message_id: str, consumer: str) -> None:
        letter = self.letters.get((message_id, consumer))
        if letter is not None:
            self.letters[message_id, consumer] = replace(letter, replayed_at=self._clock.now())


class InMemoryIdempotencyRecords(IdempotencyRecords):
    def __init__(self, clock: Clock, ttl_seconds: float) -> None:
        self._clock = clock
        self._ttl = timedelta(seconds=ttl_seconds)
        self.records: dict[str, tuple[StoredResponse, datetime]] = {}

    def _live(self, key: str) -> StoredResponse | None:
        found = self.records.get(key)
        if found is None:
            return None
        response, created = found
        return response if self._clock.now() < created + self._ttl else None

    async def find(self, key: str) -> StoredResponse | None:
        return self._live(key)

    async def record(self, key: str, response: StoredResponse) -> None:
        if self._live(key) is not None:
            raise AlreadyRecordedError(f"the Idempotency-Key {key!r} was used by another request")
        self.records[key] = (response, self._clock.now())

    async def purge_expired(self) -> int:
        expired = [key for key in self.records if self._live(key) is None]
        for key in expired:
            del self.records[key]
        return len(expired)
