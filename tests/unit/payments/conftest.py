"""The payments core on in-memory adapters, its customer look-ups answered by the real
customers core (in memory too)."""

from __future__ import annotations

import pytest

from mall_contracts.customers import http as customers_http
from mall_contracts.ordering import messages as ordering
from mall_contracts.payments import http
from tests.support import cores


class PaymentsCore(cores.PaymentsCore):
    """The payments core (`tests.support.cores`) plus the steps the tests share."""

    async def customer(self, name: str = "Ann") -> str:
        body = customers_http.RegisterCustomerRequest(name=name, sms_number="555-0100")
        return (await self.customers.service.register_customer(body)).id

    async def authorize(self, customer_id: str, amount: float) -> str:
        body = http.AuthorizePaymentRequest(customer_id=customer_id, amount=amount)
        return (await self.service.authorize_payment(body)).id

    async def ready(self, order_id: str, total: float, payment_id: str = "payment-1") -> None:
        await self.handlers.on_order_readied(
            ordering.OrderReadied(
                id=order_id, customer_id="customer-1", payment_id=payment_id, total=total
            )
        )

    async def cancel(self, order_id: str, total: float = 10.0) -> None:
        await self.handlers.on_order_canceled(
            ordering.OrderCanceled(
                id=order_id, customer_id="customer-1", payment_id="payment-1", total=total
            )
        )

    async def invoice(self, invoice_id: str) -> http.Invoice:
        return (await self.service.get_invoice(invoice_id)).invoice


@pytest.fixture
def core() -> PaymentsCore:
    return PaymentsCore(**vars(cores.build_payments_core()))
