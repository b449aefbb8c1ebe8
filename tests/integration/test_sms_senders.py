"""The SmsSender adapters: the webhook against a real local HTTP server, and the logger."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest
from prometheus_client import CollectorRegistry

from mall.notifications.ports import Sms, SmsError
from mall_adapters.memory.unit_of_work import InMemoryUnitOfWork
from mall_adapters.reliability.guard import NetworkInTransactionError
from mall_adapters.sms.logging_sender import LoggingSmsSender
from mall_adapters.sms.metrics import SmsMetrics
from mall_adapters.sms.webhook import WebhookSmsSender
from tests.support.sms_gateway import SmsGateway, sms_gateway

SMS = Sms(
    notification_id="n-1",
    to="555-0100",
    text="Hi Zoë, your order o1 is ready for pickup.",
    order_id="o1",
    kind="order_ready",
)


@pytest.fixture
async def gateway() -> AsyncIterator[SmsGateway]:
    async with sms_gateway() as running:
        yield running


@pytest.fixture
def registry() -> CollectorRegistry:
    return CollectorRegistry()


def counted(registry: CollectorRegistry, name: str) -> float:
    return registry.get_sample_value(name) or 0.0


async def test_the_webhook_posts_the_sms_as_json(
    gateway: SmsGateway, registry: CollectorRegistry
) -> None:
    await WebhookSmsSender(gateway.url, SmsMetrics(registry)).send(SMS)
    [request] = gateway.received
    assert (request.method, request.path) == ("POST", "/sms")
    assert request.headers["content-type"] == "application/json"
    assert request.headers["idempotency-key"] == "n-1"
    assert request.body == {
        "to": "555-0100",
        "text": "Hi Zoë, your order o1 is ready for pickup.",
        "orderId": "o1",
        "kind": "order_ready",
    }
    assert counted(registry, "notifications_sms_sent_total") == 1


@pytest.mark.parametrize("status", [400, 500, 503])
async def test_a_non_2xx_answer_is_an_sms_error(
    gateway: SmsGateway, registry: CollectorRegistry, status: int
) -> None:
    gateway.status, gateway.reply = status, '{"error": "no such number"}'
    with pytest.raises(SmsError) as raised:
        await WebhookSmsSender(gateway.url, SmsMetrics(registry)).send(SMS)
    assert str(raised.value) == f'the SMS webhook answered {status}: {{"error": "no such number"}}'
    assert counted(registry, "notifications_sms_failed_total") == 1
    assert counted(registry, "notifications_sms_sent_total") == 0


async def test_a_gateway_that_does_not_answer_times_out(
    gateway: SmsGateway, registry: CollectorRegistry
) -> None:
    gateway.hang = True
    sender = WebhookSmsSender(gateway.url, SmsMetrics(registry), timeout_seconds=0.2)
    with pytest.raises(SmsError, match=r"^the SMS webhook did not answer within 0.2s$"):
        await sender.send(SMS)


async def test_an_unreachable_gateway_is_an_sms_error(registry: CollectorRegistry) -> None:
    async with sms_gateway() as gone:
        url = gone.url
    with pytest.raises(SmsError, match=r"^the SMS webhook is unreachable: "):
        await WebhookSmsSender(url, SmsMetrics(registry)).send(SMS)


async def test_the_webhook_refuses_to_send_inside_a_unit_of_work(
    gateway: SmsGateway, registry: CollectorRegistry
) -> None:
    sender = WebhookSmsSender(gateway.url, SmsMetrics(registry))
    with pytest.raises(NetworkInTransactionError):
        await InMemoryUnitOfWork().run(lambda: sender.send(SMS))
    assert gateway.received == []


async def test_the_logging_sender_logs_and_counts(
    registry: CollectorRegistry, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="mall_adapters.sms.logging_sender"):
        await LoggingSmsSender(SmsMetrics(registry)).send(SMS)
    assert [r.getMessage() for r in caplog.records] == [
        "SMS to 555-0100 (order_ready, order o1): Hi Zoë, your order o1 is ready for pickup."
    ]
    assert counted(registry, "notifications_sms_sent_total") == 1
