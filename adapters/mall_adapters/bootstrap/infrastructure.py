"""Shared containers: the infrastructure every module uses, and each module's messaging kit."""

from __future__ import annotations

import functools

from dependency_injector import containers, providers
from fast_depends.msgspec import MsgSpecSerializer
from faststream.nats import NatsBroker

from mall_adapters.bootstrap.settings import Settings
from mall_adapters.http.idempotency import IdempotentRequests
from mall_adapters.messaging.command_processor import CommandProcessor
from mall_adapters.messaging.consumer import ConsumerSettings, NatsConsumer
from mall_adapters.messaging.inbox_processor import InboxProcessor
from mall_adapters.messaging.relay import OutboxRelay, RelaySettings
from mall_adapters.messaging.requester import NatsRequester
from mall_adapters.messaging.responder import ReadScope
from mall_adapters.messaging.sink import OutboxSink
from mall_adapters.observability.http_metrics import HttpMetrics
from mall_adapters.observability.metrics import (
    LookupMetrics,
    MessageMetrics,
    RelayMetrics,
    SagaMetrics,
    app_registry,
)
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.dead_letters import PostgresDeadLetters
from mall_adapters.postgres.idempotency import PostgresIdempotencyRecords
from mall_adapters.postgres.inbox import PostgresInbox
from mall_adapters.postgres.outbox import PostgresOutbox
from mall_adapters.postgres.outbox_watch import PostgresOutboxWatch
from mall_adapters.postgres.unit_of_work import PostgresUnitOfWork
from mall_adapters.reliability.unit_of_work import ConflictRetry
from mall_adapters.system import SystemClock, UuidIds
from mall_contracts.common import subjects


def nats_broker(settings: Settings) -> NatsBroker:
    # No I/O here: the runtime connects it at start-up.
    return NatsBroker(
        settings.nats_url, serializer=MsgSpecSerializer(), max_reconnect_attempts=-1, logger=None
    )


def consumer_settings(settings: Settings) -> ConsumerSettings:
    return ConsumerSettings(
        stream=subjects.STREAM,
        max_deliver=settings.max_deliver,
        ack_wait_seconds=subjects.ACK_WAIT_SECONDS,
        retry_delay_seconds=settings.retry_delay_seconds,
    )


def relay_settings(settings: Settings) -> RelaySettings:
    return RelaySettings(
        stream=subjects.STREAM,
        batch_size=settings.relay_batch_size,
        poll_seconds=settings.relay_poll_seconds,
    )


def reserved_reads(db: Database) -> ReadScope:
    return functools.partial(db.session, reserved=True)


class Infrastructure(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    registry = providers.Singleton(app_registry)
    db = providers.Singleton(Database)
    uow = providers.Singleton(
        PostgresUnitOfWork,
        db,
        providers.Singleton(ConflictRetry, attempts=settings.provided.conflict_attempts),
    )
    broker = providers.Singleton(nats_broker, settings)
    clock = providers.Singleton(SystemClock)
    ids = providers.Singleton(UuidIds)
    requester = providers.Singleton(
        NatsRequester,
        broker,
        settings.provided.query_timeout_seconds,
        providers.Singleton(LookupMetrics, registry),
    )
    http_metrics = providers.Singleton(HttpMetrics, registry)
    saga_metrics = providers.Singleton(SagaMetrics, registry)
    watch = providers.Singleton(
        PostgresOutboxWatch, db, settings.provided.modules, settings.provided.relay_poll_seconds
    )


class MessagingKit(containers.DeclarativeContainer):
    """One module's outbox and relay, inbox consumer, dead letters, idempotent requests and
    message metrics."""

    infra = providers.DependenciesContainer()
    module = providers.Dependency(instance_of=str)

    metrics = providers.Singleton(MessageMetrics, infra.registry, module)
    outbox = providers.Singleton(PostgresOutbox, infra.db, module)
    sink = providers.Singleton(OutboxSink, outbox, infra.clock, infra.ids, metrics)
    inbox = providers.Singleton(PostgresInbox, infra.db, module)
    dead_letters = providers.Singleton(PostgresDeadLetters, infra.db, module)
    idempotency = providers.Singleton(
        PostgresIdempotencyRecords,
        infra.db,
        module,
        infra.settings.provided.idempotency_ttl_seconds,
    )
    idempotent = providers.Singleton(IdempotentRequests, idempotency, infra.uow)
    consumer = providers.Singleton(
        NatsConsumer,
        providers.Singleton(InboxProcessor, inbox, infra.uow),
        providers.Singleton(CommandProcessor, inbox, infra.uow, sink),
        dead_letters,
        metrics,
        providers.Singleton(consumer_settings, infra.settings),
        providers.Singleton(reserved_reads, infra.db),
    )
    relay = providers.Singleton(
        OutboxRelay,
        outbox,
        dead_letters,
        infra.watch,
        infra.uow,
        infra.broker,
        providers.Singleton(RelayMetrics, infra.registry, module),
        providers.Singleton(relay_settings, infra.settings),
    )
