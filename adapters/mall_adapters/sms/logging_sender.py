"""`LoggingSmsSender`: the default `SmsSender` when no gateway is configured."""

from __future__ import annotations

import logging

from mall.notifications.ports import Sms, SmsSender
from mall_adapters.sms.metrics import SmsMetrics

log = logging.getLogger(__name__)


class LoggingSmsSender(SmsSender):
    """Logs each SMS (INFO) and counts it; it never fails."""

    def __init__(self, metrics: SmsMetrics) -> None:
        self._metrics = metrics

    async def send(self, sms: Sms) -> None:
        log.info("SMS to %s (%s, order %s): %s", sms.to, sms.kind, sms.order_id, sms.text)
        self._metrics.sent.inc()
