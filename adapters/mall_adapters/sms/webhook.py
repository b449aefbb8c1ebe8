"""`WebhookSmsSender`: POSTs each SMS as JSON to an HTTP gateway (`INTELLIMALL_SMS_WEBHOOK`)."""

from __future__ import annotations

import httpx

from mall.notifications.ports import Sms, SmsError, SmsSender
from mall_adapters.reliability.guard import forbid_network_io
from mall_adapters.sms.metrics import SmsMetrics

SHOWN_BODY = 200  # characters of a refusal's body kept in the error


class WebhookSmsSender(SmsSender):
    """Sends `{"to", "text", "orderId", "kind"}` with the notification id as
    `Idempotency-Key` (a gateway may drop a repeat with it). A 2xx answer is success; any
    other answer, a timeout or an unreachable gateway raises `SmsError`."""

    def __init__(self, url: str, metrics: SmsMetrics, timeout_seconds: float = 5.0) -> None:
        self._url = url
        self._metrics = metrics
        self._timeout = timeout_seconds

    async def send(self, sms: Sms) -> None:
        forbid_network_io("the SMS webhook")
        body = {"to": sms.to, "text": sms.text, "orderId": sms.order_id, "kind": sms.kind}
        headers = {"Idempotency-Key": sms.notification_id}
        try:
            # One client per SMS: no connection outlives a send, nothing to close at shutdown.
            async with httpx.AsyncClient(timeout=self._timeout) as client:
                answer = await client.post(self._url, json=body, headers=headers)
        except httpx.TimeoutException:
            self._metrics.failed.inc()
            raise SmsError(f"the SMS webhook did not answer within {self._timeout:g}s") from None
        except httpx.HTTPError as error:
            self._metrics.failed.inc()
            raise SmsError(f"the SMS webhook is unreachable: {error}") from None
        if not answer.is_success:
            self._metrics.failed.inc()
            text = answer.text[:SHOWN_BODY]
            raise SmsError(f"the SMS webhook answered {answer.status_code}: {text}")
        self._metrics.sent.inc()
