"""Commands over real NATS and PostgreSQL: the effect, the inbox row and the reply commit
together; a broken rule is a failure reply, not a redelivery; a duplicate gets no second
reply."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import msgspec
import pytest
from faststream.nats import NatsRouter

from mall.kernel.errors import BadRequestError
from mall_adapters.messaging.binding import command
from mall_adapters.messaging.stream import ensure_stream
from mall_adapters.postgres.database import Database
from mall_adapters.reliability.envelope import (
    HEADER_COMMAND_ID,
    HEADER_OUTCOME,
    HEADER_REPLY_TO,
    HEADER_SAGA_ID,
    HEADER_SAGA_NAME,
    Envelope,
)
from mall_contracts.common import messages as common
from tests.integration.test_messaging import Harness
from tests.support.polling import eventually

SUBJECT = "intellimall.tests.commands"
DURABLE = "tests-commands"
REPLIES = "intellimall.tests.replies.Thing"


class Created(msgspec.Struct, frozen=True):
    id: str


class Thing(msgspec.Struct, frozen=True):
    body: str


class CommandHarness(Harness):
    async def create(self, thing: Thing) -> Created | common.Success:
        if thing.body == "bad":
            raise BadRequestError("the thing cannot be bad")

        async def work() -> Created:
            await self.db.connection().execute("INSERT INTO effects (body) VALUES ($1)", thing.body)
            return Created(id=f"id-{thing.body}")

        if thing.body == "check":
            return common.Success()
        return await self.uow.run(work)

    async def start(self) -> None:
        router = NatsRouter()
        self.consumer.execute(
            router,
            SUBJECT,
            DURABLE,
            {"tests.Create": command(Thing, self.create)},
            {Created: "tests.Created"},
        )
        self.broker.include_router(router)
        await self.broker.connect()
        await ensure_stream(self.broker)
        await self.broker.start()


def command_envelope(body: str, message_id: str | None = None) -> Envelope:
    return Envelope(
        id=message_id or str(uuid.uuid4()),
        name="tests.Create",
        subject=SUBJECT,
        data=msgspec.json.encode(Thing(body=body)),
        occurred_at=datetime.now(UTC),
        extra_headers={
            HEADER_REPLY_TO: REPLIES,
            HEADER_SAGA_ID: "saga-1",
            HEADER_SAGA_NAME: "tests.Saga",
        },
    )


@pytest.fixture
async def harness(db: Database, nats_url: str) -> AsyncIterator[CommandHarness]:
    await db.pool.execute("CREATE TABLE effects (id serial PRIMARY KEY, body text NOT NULL)")
    h = CommandHarness(db, nats_url)
    await h.start()
    yield h
    await h.broker.stop()


async def replies(db: Database) -> list[tuple[str, str, dict[str, str], str]]:
    rows = await db.pool.fetch(
        "SELECT subject, name, metadata, data FROM stores.outbox ORDER BY position"
    )
    return [
        (r["subject"], r["name"], json.loads(r["metadata"]), bytes(r["data"]).decode())
        for r in rows
    ]


async def test_a_command_replies_with_its_unit_of_work_value(harness: CommandHarness) -> None:
    sent = command_envelope("one")
    await harness.publish(sent)
    found = await eventually(lambda: replies(harness.db), lambda r: len(r) == 1)
    subject, name, headers, data = found[0]
    assert (subject, name, data) == (REPLIES, "tests.Created", '{"id":"id-one"}')
    assert headers[HEADER_COMMAND_ID] == sent.id
    assert headers[HEADER_OUTCOME] == "SUCCESS"
    assert (headers[HEADER_SAGA_ID], headers[HEADER_SAGA_NAME]) == ("saga-1", "tests.Saga")
    assert await harness.effects() == ["one"]


async def test_a_broken_rule_is_a_failure_reply_and_a_duplicate_gets_none(
    harness: CommandHarness,
) -> None:
    bad = command_envelope("bad")
    await harness.publish(bad)
    await harness.publish(command_envelope("check"))
    found = await eventually(lambda: replies(harness.db), lambda r: len(r) == 2)
    by_name = {name: (headers, data) for _, name, headers, data in found}
    headers, data = by_name["am.Failure"]
    assert headers[HEADER_OUTCOME] == "FAILURE"
    assert headers[HEADER_COMMAND_ID] == bad.id
    assert json.loads(data) == {"message": "the thing cannot be bad"}
    assert by_name["am.Success"][0][HEADER_OUTCOME] == "SUCCESS"
    # The same command again (a redelivery after a lost ack): handled once, replied once.
    await harness.publish(command_envelope("one", message_id="dup"))
    await eventually(lambda: replies(harness.db), lambda r: len(r) == 3)
    handle = harness.consumer.routes[DURABLE]["tests.Create"]
    assert await handle(command_envelope("one", message_id="dup"), False) is False
    # Taken for a first delivery (no inbox look-up), the inbox row's conflict catches it.
    assert await handle(command_envelope("one", message_id="dup"), True) is False
    assert len(await replies(harness.db)) == 3
    assert await harness.effects() == ["one"]
