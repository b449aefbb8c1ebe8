"""Provider side of `pacts/payments-ui-payments-api.json` and
`pacts/busywork-payments-api.json`: the real app verified against the payments UI's and the
simulator's pacts.

Payments and invoices are set up as payments keeps them, rows of `payments.payments` and
`payments.invoices` written by its repositories (an invoice paid or canceled through the
`Invoice` aggregate). Authorizing asks customers whether the customer exists, so a customer
is registered in customers' own table. The payments and customers tables are emptied after
each interaction.
"""

from __future__ import annotations

import uuid

from mall.customers.domain.customer import Customer
from mall.payments.domain.invoice import Invoice, InvoiceStatus
from mall.payments.domain.payment import Payment
from mall_adapters.bootstrap.settings import Settings
from mall_adapters.postgres.customers import PostgresCustomerRepository
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.payments import PostgresInvoiceRepository, PostgresPaymentRepository
from tests.support.contract_http_provider import Injected, Params, ProviderStates, verify_http_pact


async def a_customer(db: Database, _: Params) -> Injected:
    """A registered customer; answers `customerId`."""
    customer = Customer.register(str(uuid.uuid4()), "TheCustomer", "555-0100")
    await PostgresCustomerRepository(db).save(customer)
    return {"customerId": customer.id}


async def a_payment(db: Database, params: Params) -> Injected:
    """A payment of 12.50 authorized for `customerId` (`customer-id`); answers `paymentId`."""
    customer_id = str(params.get("customerId", "customer-id"))
    payment = Payment.authorize(str(uuid.uuid4()), customer_id, 12.5)
    await PostgresPaymentRepository(db).save(payment)
    return {"paymentId": payment.id}


async def an_invoice(db: Database, params: Params) -> Injected:
    """The invoice of a ready order (its id is the order's), in `status` (pending by
    default); answers `invoiceId`."""
    order_id = str(uuid.uuid4())
    invoice = Invoice.create(order_id, order_id, str(uuid.uuid4()), 19.98)
    status = InvoiceStatus(str(params.get("status", "pending")))
    if status is InvoiceStatus.PAID:
        invoice.pay()
    elif status is InvoiceStatus.CANCELED:
        invoice.cancel()
    await PostgresInvoiceRepository(db).save(invoice)
    return {"invoiceId": invoice.id}


PAYMENTS_STATES = ProviderStates(
    schemas=("payments", "customers"),
    setups={
        "a customer exists": a_customer,
        "a payment exists": a_payment,
        "an invoice exists": an_invoice,
    },
)


def test_payments_api_honours_the_payments_ui_pact(settings: Settings) -> None:
    verify_http_pact(settings, "payments-api", "payments-ui-payments-api.json", PAYMENTS_STATES)


def test_payments_api_honours_the_busywork_pact(settings: Settings) -> None:
    verify_http_pact(settings, "payments-api", "busywork-payments-api.json", PAYMENTS_STATES)
