"""IdempotencyRecords: the same behaviour in memory and in PostgreSQL."""

from __future__ import annotations

import pytest

from mall_adapters.memory.reliability import InMemoryIdempotencyRecords
from mall_adapters.memory.system import FixedClock
from mall_adapters.memory.unit_of_work import InMemoryUnitOfWork
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.idempotency import PostgresIdempotencyRecords
from mall_adapters.reliability.ports import StoredResponse
from mall_adapters.reliability.receipts import AlreadyRecordedError
from tests.ports.reliability import MODULE, TTL_SECONDS, Delivery, delivery

RESPONSE = StoredResponse("fp-1", 200, b'{"id":"s1"}')


@pytest.fixture
def kit(backend: Database | None) -> Delivery:
    return delivery(backend)


async def test_a_recorded_response_is_found_by_its_key(kit: Delivery) -> None:
    assert await kit.idempotency.find("k1") is None
    await kit.uow.run(lambda: kit.idempotency.record("k1", RESPONSE))
    assert await kit.idempotency.find("k1") == RESPONSE
    assert await kit.idempotency.find("k2") is None


async def test_a_live_key_cannot_be_recorded_again(kit: Delivery) -> None:
    await kit.uow.run(lambda: kit.idempotency.record("k1", RESPONSE))
    other = StoredResponse("fp-2", 200, b'{"id":"s2"}')
    with pytest.raises(AlreadyRecordedError):
        await kit.uow.run(lambda: kit.idempotency.record("k1", other))
    assert await kit.idempotency.find("k1") == RESPONSE


async def test_memory_records_expire_after_the_time_to_live() -> None:
    clock = FixedClock()
    records = InMemoryIdempotencyRecords(clock, TTL_SECONDS)
    uow = InMemoryUnitOfWork()
    await uow.run(lambda: records.record("k1", RESPONSE))
    clock.advance(TTL_SECONDS - 1)
    assert await records.find("k1") == RESPONSE
    clock.advance(1)
    assert await records.find("k1") is None
    newer = StoredResponse("fp-2", 200, b"{}")
    await uow.run(lambda: records.record("k1", newer))  # an expired key is free again
    assert await records.find("k1") == newer
    clock.advance(TTL_SECONDS)
    assert await records.purge_expired() == 1
    assert records.records == {}


async def test_postgres_records_expire_after_the_time_to_live(db: Database) -> None:
    records = PostgresIdempotencyRecords(db, MODULE, TTL_SECONDS)
    kit = delivery(db)
    await kit.uow.run(lambda: records.record("old", RESPONSE))
    await kit.uow.run(lambda: records.record("new", RESPONSE))
    await db.execute(
        f"UPDATE {MODULE}.idempotency SET created_at = now() - interval '1 hour 1 second'"
        " WHERE key = 'old'"
    )
    assert await records.find("old") is None
    assert await records.find("new") == RESPONSE
    newer = StoredResponse("fp-2", 200, b"{}")
    await kit.uow.run(lambda: records.record("old", newer))  # an expired key is free again
    assert await records.find("old") == newer
    await db.execute(f"UPDATE {MODULE}.idempotency SET created_at = now() - interval '2 hours'")
    assert await records.purge_expired() == 2
