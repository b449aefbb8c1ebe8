"""Command handlers of Payments, one per REST command."""

from __future__ import annotations

from mall.kernel.commands import AggregateCommand, create
from mall.kernel.errors import NotFoundError
from mall.kernel.ports import IdGenerator
from mall.kernel.unit_of_work import UnitOfWork
from mall.payments.domain.invoice import Invoice
from mall.payments.domain.payment import Payment
from mall.payments.ports import PaymentRepository
from mall_contracts.common.http import Empty
from mall_contracts.customers.messages import GetCustomer, GetCustomerReply
from mall_contracts.payments import http
from mall_contracts.payments.ports import PaymentsRequests

CUSTOMER_NOT_FOUND = "customer with that ID does not exist"
PAYMENT_NOT_FOUND = "payment with that ID does not exist"
INVOICE_NOT_FOUND = "invoice with that ID does not exist"


class AuthorizePayment:
    """Checks the request, then asks customers whether the customer exists (outside the unit
    of work), then saves the payment in its unit of work."""

    def __init__(
        self,
        uow: UnitOfWork,
        payments: PaymentRepository,
        requests: PaymentsRequests,
        ids: IdGenerator,
    ) -> None:
        self._uow = uow
        self._payments = payments
        self._requests = requests
        self._ids = ids

    async def __call__(self, body: http.AuthorizePaymentRequest) -> http.AuthorizePaymentResponse:
        payment = Payment.authorize(self._ids.new_id(), body.customer_id, body.amount)
        reply = await self._requests.get_customer(GetCustomer(id=body.customer_id))
        if not isinstance(reply, GetCustomerReply):
            raise NotFoundError(CUSTOMER_NOT_FOUND)
        response = http.AuthorizePaymentResponse(id=payment.id)
        return await create(self._uow, self._payments, payment, response)


class PayInvoice(AggregateCommand[Invoice]):
    """A pending invoice becomes paid; `InvoicePaid` goes to the outbox in the same unit of
    work."""

    MISSING = INVOICE_NOT_FOUND

    async def __call__(self, invoice_id: str) -> Empty:
        await self.change(invoice_id, Invoice.pay)
        return Empty()
