"""The Payment aggregate: an amount a customer authorized for a future order."""

from __future__ import annotations

from dataclasses import dataclass

from mall.kernel.aggregate import Aggregate
from mall.kernel.errors import BadRequestError
from mall.kernel.events import DomainEvent
from mall.payments.domain.amounts import amount

CANNOT_BE_CONFIRMED = "payment cannot be confirmed"


@dataclass(frozen=True)
class PaymentAuthorized(DomainEvent):
    NAME = "payments.PaymentAuthorized"
    customer_id: str
    amount: float


@dataclass(frozen=True)
class PaymentState:
    """Everything a repository stores about a payment besides its id and version."""

    customer_id: str
    amount: float


class Payment(Aggregate):
    NAME = "payments.Payment"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.customer_id = ""
        self.amount = 0.0

    @classmethod
    def authorize(cls, payment_id: str, customer_id: str, value: float) -> Payment:
        """A new payment of `value` (kept to four decimal places, and then above zero)."""
        if not customer_id.strip():
            raise BadRequestError("the customer id cannot be blank")
        if amount(value) <= 0:
            raise BadRequestError("the payment amount must be greater than zero")
        payment = cls(payment_id)
        payment.record(PaymentAuthorized(customer_id=customer_id, amount=amount(value)))
        return payment

    @classmethod
    def stored(cls, payment_id: str, state: PaymentState, version: int) -> Payment:
        """Rebuild a saved payment (repositories only); nothing is pending."""
        payment = cls(payment_id)
        payment.customer_id, payment.amount = state.customer_id, state.amount
        payment.version = version
        return payment

    def state(self) -> PaymentState:
        return PaymentState(customer_id=self.customer_id, amount=self.amount)

    def confirm(self, total: float) -> None:
        """The payment covers an order of `total` (a check; nothing is recorded)."""
        if amount(total) > self.amount:
            raise BadRequestError(CANNOT_BE_CONFIRMED)

    def apply(self, event: DomainEvent) -> None:
        match event:
            case PaymentAuthorized(customer_id=customer_id, amount=value):
                self.customer_id, self.amount = customer_id, value
            case _:
                raise TypeError(f"{self.NAME} cannot apply {type(event).__name__}")
