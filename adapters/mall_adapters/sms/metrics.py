"""`notifications_sms_sent_total` and `notifications_sms_failed_total`."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter


class SmsMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.sent = Counter(
            "notifications_sms_sent", "SMS the SMS sender handed over.", registry=registry
        )
        self.failed = Counter(
            "notifications_sms_failed", "SMS attempts the gateway refused.", registry=registry
        )
