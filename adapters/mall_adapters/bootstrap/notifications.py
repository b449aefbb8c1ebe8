"""Wiring of Notifications."""

from __future__ import annotations

from dependency_injector import containers, providers

from mall.notifications.application.delivery import DeliveryPolicy, SmsDispatcher
from mall.notifications.application.lookup import CustomerLookup
from mall.notifications.application.policies import NotificationsPolicies
from mall.notifications.application.queries import ListNotifications
from mall.notifications.ports import SmsSender
from mall_adapters.bootstrap.infrastructure import MessagingKit
from mall_adapters.bootstrap.settings import Settings
from mall_adapters.http.generated.notifications import build_notifications_routes
from mall_adapters.messaging.generated.notifications import (
    NatsNotificationsRequests,
    build_notifications_router,
)
from mall_adapters.postgres.notifications import PostgresCustomerCache, PostgresNotificationLog
from mall_adapters.sms.logging_sender import LoggingSmsSender
from mall_adapters.sms.metrics import SmsMetrics
from mall_adapters.sms.webhook import WebhookSmsSender
from mall_contracts.notifications.ports import NotificationsEndpoints


def sms_sender(settings: Settings, metrics: SmsMetrics) -> SmsSender:
    """The webhook when `INTELLIMALL_SMS_WEBHOOK` names one; otherwise SMS are logged."""
    if settings.sms_webhook:
        return WebhookSmsSender(settings.sms_webhook, metrics)
    return LoggingSmsSender(metrics)


def delivery_policy(settings: Settings) -> DeliveryPolicy:
    return DeliveryPolicy(poll_seconds=settings.relay_poll_seconds)


class NotificationsContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()
    kit = providers.Container(MessagingKit, infra=infra, module="notifications")
    uow = infra.uow

    # Driven adapters (unit tests override these with the in-memory ones).
    customer_cache = providers.Singleton(PostgresCustomerCache, infra.db)
    notification_log = providers.Singleton(PostgresNotificationLog, infra.db)
    requests = providers.Singleton(NatsNotificationsRequests, infra.requester)
    sender = providers.Singleton(
        sms_sender, infra.settings, providers.Singleton(SmsMetrics, infra.registry)
    )

    # The core.
    dispatcher = providers.Singleton(
        SmsDispatcher,
        uow,
        notification_log,
        sender,
        infra.clock,
        providers.Singleton(delivery_policy, infra.settings),
    )
    lookup = providers.Singleton(CustomerLookup, customer_cache, requests)
    policies = providers.Singleton(
        NotificationsPolicies,
        uow,
        customer_cache,
        lookup,
        notification_log,
        dispatcher,
        infra.clock,
        infra.ids,
    )
    api = providers.Singleton(
        NotificationsEndpoints,
        list_notifications=providers.Singleton(ListNotifications, notification_log),
    )
    workers = providers.List(dispatcher)  # background loops the runtime runs while serving

    # Bindings.
    routes = providers.Singleton(build_notifications_routes, api)
    router = providers.Singleton(build_notifications_router, policies, kit.consumer)
