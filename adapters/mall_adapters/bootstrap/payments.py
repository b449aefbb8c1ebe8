"""Wiring of Payments."""

from __future__ import annotations

from dependency_injector import containers, providers

from mall.kernel.repository import DispatchingRepository
from mall.payments.application import commands, queries
from mall.payments.application.policies import PaymentsPolicies
from mall.payments.translate import InvoiceEventsTranslator
from mall_adapters.bootstrap.infrastructure import MessagingKit
from mall_adapters.http.generated.payments import build_payments_routes
from mall_adapters.messaging.generated.payments import (
    NatsPaymentsRequests,
    OutboxPaymentsPublisher,
    build_payments_router,
)
from mall_adapters.postgres.payments import PostgresInvoiceRepository, PostgresPaymentRepository
from mall_contracts.payments.ports import PaymentsEndpoints


class PaymentsContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()
    kit = providers.Container(MessagingKit, infra=infra, module="payments")
    uow = infra.uow

    # Driven adapters (unit tests override these with the in-memory ones).
    payment_records = providers.Singleton(PostgresPaymentRepository, infra.db)
    invoice_records = providers.Singleton(PostgresInvoiceRepository, infra.db)
    requests = providers.Singleton(NatsPaymentsRequests, infra.requester)

    # The core.
    publisher = providers.Singleton(OutboxPaymentsPublisher, kit.sink)
    payments = payment_records
    invoices = providers.Singleton(
        DispatchingRepository,
        invoice_records,
        providers.List(providers.Singleton(InvoiceEventsTranslator, publisher)),
    )
    api = providers.Singleton(
        PaymentsEndpoints,
        authorize_payment=providers.Singleton(
            commands.AuthorizePayment, uow, payments, requests, infra.ids
        ),
        get_payment=providers.Singleton(queries.GetPayment, payments),
        get_invoice=providers.Singleton(queries.GetInvoice, invoices),
        pay_invoice=providers.Singleton(commands.PayInvoice, uow, invoices),
    )
    handlers = providers.Singleton(PaymentsPolicies, uow, payments, invoices)

    # Bindings.
    routes = providers.Singleton(build_payments_routes, api, kit.idempotent)
    router = providers.Singleton(build_payments_router, handlers, kit.consumer)
