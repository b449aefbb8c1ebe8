"""DeadLetters: the same behaviour in memory and in PostgreSQL."""

from __future__ import annotations

import pytest

from mall_adapters.postgres.database import Database
from tests.ports.reliability import MODULE, Delivery, delivery, envelope


@pytest.fixture
def kit(backend: Database | None) -> Delivery:
    return delivery(backend)


async def test_parked_letters_are_listed_with_their_error(kit: Delivery) -> None:
    message = envelope(b'{"n":1}')
    await kit.dead_letters.park("baskets-stores", message, "RuntimeError: broke", 5)
    (letter,) = await kit.dead_letters.list()
    assert (letter.module, letter.consumer, letter.envelope) == (MODULE, "baskets-stores", message)
    assert (letter.error, letter.deliveries, letter.replayed_at) == ("RuntimeError: broke", 5, None)
    assert await kit.dead_letters.get(message.id, "baskets-stores") == letter
    assert await kit.dead_letters.get(message.id, "another-consumer") is None


async def test_replayed_letters_leave_the_list_until_parked_again(kit: Delivery) -> None:
    message = envelope()
    await kit.dead_letters.park("c1", message, "first", 5)
    await kit.dead_letters.park("c2", message, "other consumer", 5)
    await kit.dead_letters.mark_replayed(message.id, "c1")
    assert [d.consumer for d in await kit.dead_letters.list()] == ["c2"]
    replayed = await kit.dead_letters.get(message.id, "c1")
    assert replayed is not None
    assert replayed.replayed_at is not None
    assert len(await kit.dead_letters.list(include_replayed=True)) == 2

    await kit.dead_letters.park("c1", message, "second", 6)
    again = await kit.dead_letters.get(message.id, "c1")
    assert again is not None
    assert (again.error, again.deliveries, again.replayed_at) == ("second", 6, None)
