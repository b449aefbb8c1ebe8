"""Outbox: the same behaviour in memory and in PostgreSQL."""

from __future__ import annotations

import pytest

from mall_adapters.postgres.database import Database, NoTransactionError
from tests.ports.reliability import Delivery, delivery, envelope


@pytest.fixture
def kit(backend: Database | None) -> Delivery:
    return delivery(backend)


async def add(kit: Delivery, *envelopes: object) -> None:
    async def write() -> None:
        for env in envelopes:
            await kit.outbox.add(env)  # type: ignore[arg-type]

    await kit.uow.run(write)


async def test_unpublished_messages_come_oldest_first_then_in_insertion_order(
    kit: Delivery,
) -> None:
    late, early, same_a, same_b = (
        envelope(seconds=5),
        envelope(seconds=1),
        envelope(seconds=3),
        envelope(seconds=3),
    )
    await add(kit, late, early, same_a, same_b)
    assert await kit.outbox.unpublished(10) == [early, same_a, same_b, late]
    assert await kit.outbox.unpublished(2) == [early, same_a]


async def test_published_and_removed_messages_leave_the_queue(kit: Delivery) -> None:
    first, second, third = envelope(seconds=1), envelope(seconds=2), envelope(seconds=3)
    await add(kit, first, second, third)
    await kit.outbox.mark_published([first.id])
    await kit.outbox.remove(second.id)
    assert await kit.outbox.unpublished(10) == [third]


async def test_the_backlog_counts_the_messages_waiting_to_be_published(kit: Delivery) -> None:
    assert await kit.outbox.backlog() == 0
    first, second, third = envelope(seconds=1), envelope(seconds=2), envelope(seconds=3)
    await add(kit, first, second, third)
    assert await kit.outbox.backlog() == 3
    await kit.outbox.mark_published([first.id])
    await kit.outbox.remove(second.id)
    assert await kit.outbox.backlog() == 1


async def test_a_repeated_message_id_is_ignored(kit: Delivery) -> None:
    message = envelope(b'{"n":1}', seconds=1)
    await add(kit, message)
    await add(kit, envelope(b'{"n":2}', seconds=2, message_id=message.id))
    assert await kit.outbox.unpublished(10) == [message]


async def test_a_message_round_trips_with_its_headers(kit: Delivery) -> None:
    message = envelope(b'{"name":"Wand"}')
    await add(kit, message)
    (stored,) = await kit.outbox.unpublished(1)
    assert stored == message
    assert stored.headers()["traceparent"] == "00-abc-def-01"


async def test_adding_needs_a_unit_of_work_on_postgres(db: Database) -> None:
    kit = delivery(db)
    with pytest.raises(NoTransactionError):
        await kit.outbox.add(envelope())
