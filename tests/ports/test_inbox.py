"""Inbox: the same behaviour in memory and in PostgreSQL."""

from __future__ import annotations

import pytest

from mall_adapters.postgres.database import Database
from mall_adapters.reliability.receipts import AlreadyRecordedError
from tests.ports.reliability import Delivery, delivery, envelope


@pytest.fixture
def kit(backend: Database | None) -> Delivery:
    return delivery(backend)


async def test_a_recorded_message_is_seen(kit: Delivery) -> None:
    message = envelope()
    assert not await kit.inbox.seen(message.id)
    await kit.uow.run(lambda: kit.inbox.record(message))
    assert await kit.inbox.seen(message.id)
    assert not await kit.inbox.seen("another")


async def test_recording_a_message_twice_raises_and_keeps_the_first(kit: Delivery) -> None:
    message = envelope()
    await kit.uow.run(lambda: kit.inbox.record(message))
    with pytest.raises(AlreadyRecordedError):
        await kit.uow.run(lambda: kit.inbox.record(message))
    assert await kit.inbox.seen(message.id)
