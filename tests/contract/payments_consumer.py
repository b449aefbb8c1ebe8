"""The payments side of its message contracts: the real handlers behind the routes the
generated binding (`build_payments_router`) builds, over the in-memory payments core; a saga
command goes through the real command processor (`commands`)."""

from __future__ import annotations

from dataclasses import dataclass

from mall.payments.domain.invoice import Invoice
from mall.payments.domain.payment import Payment
from mall_adapters.messaging.generated.payments import build_payments_router
from tests.support.contract_consumer import RecordingConsumer
from tests.support.contract_pacts import run_sync
from tests.support.contract_saga import SagaCommands
from tests.support.cores import PaymentsCore, build_payments_core


@dataclass
class PaymentsConsumer:
    core: PaymentsCore
    consumer: RecordingConsumer
    commands: SagaCommands

    @classmethod
    def build(cls) -> PaymentsConsumer:
        core = build_payments_core()
        consumer = RecordingConsumer()
        build_payments_router(core.handlers, consumer)
        return cls(core, consumer, SagaCommands(consumer))

    def receive(self, body: str | bytes | None, metadata: dict[str, object]) -> None:
        """One delivery of an event: the route for its subject and name runs on the body."""
        self.consumer.deliver(body, metadata)

    def seed_payment(self, payment_id: str, amount: float) -> None:
        run_sync(self.core.payments.save(Payment.authorize(payment_id, "customer-id", amount)))

    def seed_invoice(self, order_id: str, amount: float) -> None:
        invoice = Invoice.create(order_id, order_id, "payment-id", amount)
        run_sync(self.core.invoices.save(invoice))

    def invoice(self, invoice_id: str) -> Invoice | None:
        return run_sync(self.core.invoices.load(invoice_id))
