"""The notifications side of the messages it consumes, for its Pact consumer tests: the real
`NotificationsPolicies` (over the in-memory adapters) behind the routes the generated binding
builds, so each example message is decoded and handled the way a JetStream delivery is."""

from __future__ import annotations

from dataclasses import dataclass

from mall.notifications.domain.notification import Notification
from mall.notifications.ports import CachedCustomer
from mall_adapters.messaging.generated.notifications import build_notifications_router
from mall_contracts.notifications.ports import NotificationsRequests
from tests.support.contract_consumer import RecordingConsumer
from tests.support.cores import NotificationsCore, build_notifications_core

JSON = "application/json"


@dataclass
class NotificationsConsumer:
    core: NotificationsCore
    consumer: RecordingConsumer

    @classmethod
    def build(cls, requests: NotificationsRequests | None = None) -> NotificationsConsumer:
        core = build_notifications_core(requests)
        consumer = RecordingConsumer()
        build_notifications_router(core.handlers, consumer)
        return cls(core, consumer)

    def receive(self, body: str | bytes | None, metadata: dict[str, object]) -> None:
        """One delivery: the route for the message's subject and name runs on the body."""
        self.consumer.deliver(body, metadata)

    def cached(self, customer_id: str) -> CachedCustomer | None:
        return self.core.customer_cache.rows.get(customer_id)

    def seed(self, customer: CachedCustomer) -> None:
        self.core.customer_cache.rows[customer.id] = customer

    def recorded(self) -> list[Notification]:
        return [row.notification for row in self.core.log.rows.values()]
