"""Wiring of the create-order saga coordinator."""

from __future__ import annotations

from datetime import timedelta

from dependency_injector import containers, providers

from mall.cosec.application.policies import CosecPolicies
from mall.cosec.application.queries import GetSaga
from mall.cosec.application.sender import SagaCommandSender
from mall.cosec.domain.create_order import CREATE_ORDER, CreateOrderData
from mall.kernel.saga.coordinator import SagaCoordinator
from mall_adapters.bootstrap.chores import Periodic
from mall_adapters.bootstrap.infrastructure import MessagingKit
from mall_adapters.http.generated.cosec import build_cosec_routes
from mall_adapters.messaging.generated.cosec import OutboxCosecPublisher, build_cosec_router
from mall_adapters.observability.sagas import CountedSagaStore, TracedSagaCommands
from mall_adapters.postgres.sagas import PostgresSagaStore
from mall_contracts.cosec.ports import CosecEndpoints


def step_timeout(seconds: float) -> timedelta:
    return timedelta(seconds=seconds)


def sweep_interval(seconds: float) -> float:
    """How often overdue steps are looked for: a quarter of the timeout, at most 1 s."""
    return min(1.0, max(seconds / 4, 0.05))


class CosecContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()
    kit = providers.Container(MessagingKit, infra=infra, module="cosec")
    uow = infra.uow

    # Driven adapters (unit tests override these with the in-memory ones).
    store = providers.Singleton(PostgresSagaStore, infra.db, "cosec", CreateOrderData)

    # The core.
    publisher = providers.Singleton(OutboxCosecPublisher, kit.sink)
    sagas = providers.Singleton(
        SagaCoordinator[CreateOrderData],
        CREATE_ORDER,
        providers.Singleton(CountedSagaStore[CreateOrderData], store, infra.saga_metrics),
        providers.Singleton(TracedSagaCommands, providers.Singleton(SagaCommandSender, publisher)),
        uow,
        infra.clock,
        infra.ids,
        providers.Singleton(step_timeout, infra.settings.provided.saga_step_timeout_seconds),
    )
    api = providers.Singleton(CosecEndpoints, get_saga=providers.Singleton(GetSaga, sagas))
    policies = providers.Singleton(CosecPolicies, sagas)

    # Bindings.
    routes = providers.Singleton(build_cosec_routes, api)
    router = providers.Singleton(build_cosec_router, policies, kit.consumer)
    workers = providers.List(  # background loops the runtime runs while serving
        providers.Singleton(
            Periodic,
            "cosec saga step timeouts",
            providers.Singleton(sweep_interval, infra.settings.provided.saga_step_timeout_seconds),
            sagas.provided.expire_due,
        )
    )
