"""Look-ups are counted by outcome over real NATS: one nobody answers is `unavailable` (and
raises `UnavailableError`), one a responder answers is `answered`."""

from __future__ import annotations

from collections.abc import AsyncIterator

import msgspec
import pytest
from fast_depends.msgspec import MsgSpecSerializer
from faststream import Response
from faststream.nats import NatsBroker, NatsMessage
from prometheus_client import CollectorRegistry

from mall.kernel.errors import UnavailableError
from mall_adapters.messaging.requester import NatsRequester
from mall_adapters.observability.metrics import LookupMetrics
from mall_adapters.reliability.envelope import HEADER_NAME

SUBJECT = "tests.lookups.Echo"


class Echo(msgspec.Struct):
    text: str


@pytest.fixture
async def broker(nats_url: str) -> AsyncIterator[NatsBroker]:
    broker = NatsBroker(nats_url, serializer=MsgSpecSerializer(), logger=None)

    @broker.subscriber(SUBJECT)
    async def echo(msg: NatsMessage) -> Response:
        return Response(msg.body, headers={HEADER_NAME: "tests.Echoed"})

    await broker.start()
    yield broker
    await broker.stop()


def count(registry: CollectorRegistry, outcome: str) -> float | None:
    return registry.get_sample_value(
        "lookup_requests_count_total", {"query": "tests.Echo", "outcome": outcome}
    )


async def test_look_ups_are_counted_by_outcome(broker: NatsBroker) -> None:
    registry = CollectorRegistry()
    requester = NatsRequester(broker, 0.5, LookupMetrics(registry))
    replies = {"tests.Echoed": Echo}
    answer = await requester.request(SUBJECT, "tests.Echo", Echo("hi"), replies)
    assert answer == Echo("hi")
    with pytest.raises(UnavailableError):
        await requester.request("tests.lookups.Nobody", "tests.Echo", Echo("hi"), replies)
    with pytest.raises(UnavailableError):  # an answer of a kind it does not expect
        await requester.request(SUBJECT, "tests.Echo", Echo("hi"), {})
    assert (count(registry, "answered"), count(registry, "unavailable")) == (1.0, 2.0)
