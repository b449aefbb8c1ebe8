"""The Invoice aggregate: what a ready order costs, until it is paid or the order canceled."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from mall.kernel.aggregate import Aggregate
from mall.kernel.errors import BadRequestError
from mall.kernel.events import DomainEvent
from mall.payments.domain.amounts import amount

CANNOT_BE_PAID = "invoice cannot be paid for"
CANNOT_BE_CANCELED = "invoice cannot be canceled"


class InvoiceStatus(Enum):
    PENDING = "pending"
    PAID = "paid"
    CANCELED = "canceled"


@dataclass(frozen=True)
class InvoiceCreated(DomainEvent):
    NAME = "payments.InvoiceCreated"
    order_id: str
    payment_id: str
    amount: float


@dataclass(frozen=True)
class InvoicePaid(DomainEvent):
    NAME = "payments.InvoicePaid"


@dataclass(frozen=True)
class InvoiceCanceled(DomainEvent):
    NAME = "payments.InvoiceCanceled"


@dataclass(frozen=True)
class InvoiceState:
    """Everything a repository stores about an invoice besides its id and version."""

    order_id: str
    payment_id: str
    amount: float
    status: InvoiceStatus


class Invoice(Aggregate):
    NAME = "payments.Invoice"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.order_id = ""
        self.payment_id = ""
        self.amount = 0.0
        self.status = InvoiceStatus.PENDING

    @classmethod
    def create(cls, invoice_id: str, order_id: str, payment_id: str, total: float) -> Invoice:
        """A pending invoice of `total` (kept to four decimal places) for an order."""
        invoice = cls(invoice_id)
        invoice.record(
            InvoiceCreated(order_id=order_id, payment_id=payment_id, amount=amount(total))
        )
        return invoice

    @classmethod
    def stored(cls, invoice_id: str, state: InvoiceState, version: int) -> Invoice:
        """Rebuild a saved invoice (repositories only); nothing is pending."""
        invoice = cls(invoice_id)
        invoice.order_id, invoice.payment_id = state.order_id, state.payment_id
        invoice.amount, invoice.status = state.amount, state.status
        invoice.version = version
        return invoice

    def state(self) -> InvoiceState:
        return InvoiceState(self.order_id, self.payment_id, self.amount, self.status)

    def pay(self) -> None:
        if self.status is not InvoiceStatus.PENDING:
            raise BadRequestError(CANNOT_BE_PAID)
        self.record(InvoicePaid())

    def cancel(self) -> None:
        if self.status is not InvoiceStatus.PENDING:
            raise BadRequestError(CANNOT_BE_CANCELED)
        self.record(InvoiceCanceled())

    def apply(self, event: DomainEvent) -> None:
        match event:
            case InvoiceCreated(order_id=order_id, payment_id=payment_id, amount=value):
                self.order_id, self.payment_id, self.amount = order_id, payment_id, value
                self.status = InvoiceStatus.PENDING
            case InvoicePaid():
                self.status = InvoiceStatus.PAID
            case InvoiceCanceled():
                self.status = InvoiceStatus.CANCELED
            case _:
                raise TypeError(f"{self.NAME} cannot apply {type(event).__name__}")
