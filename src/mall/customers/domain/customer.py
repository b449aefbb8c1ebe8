"""The Customer aggregate: a name, an SMS number, and whether the customer may order."""

from __future__ import annotations

from dataclasses import dataclass

from mall.kernel.aggregate import Aggregate
from mall.kernel.errors import BadRequestError, UnauthorizedError
from mall.kernel.events import DomainEvent


@dataclass(frozen=True)
class CustomerRegistered(DomainEvent):
    NAME = "customers.CustomerRegistered"
    name: str
    sms_number: str


@dataclass(frozen=True)
class CustomerSmsChanged(DomainEvent):
    NAME = "customers.CustomerSmsChanged"
    sms_number: str


@dataclass(frozen=True)
class CustomerEnabled(DomainEvent):
    NAME = "customers.CustomerEnabled"


@dataclass(frozen=True)
class CustomerDisabled(DomainEvent):
    NAME = "customers.CustomerDisabled"


@dataclass(frozen=True)
class CustomerState:
    """Everything a repository stores about a customer besides its id and version."""

    name: str
    sms_number: str
    enabled: bool


def require_sms_number(sms_number: str) -> None:
    if not sms_number.strip():
        raise BadRequestError("the SMS number cannot be blank")


class Customer(Aggregate):
    NAME = "customers.Customer"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.name = ""
        self.sms_number = ""
        self.enabled = False

    @classmethod
    def register(cls, customer_id: str, name: str, sms_number: str) -> Customer:
        """A new customer, enabled from the start."""
        if not name.strip():
            raise BadRequestError("the customer name cannot be blank")
        require_sms_number(sms_number)
        customer = cls(customer_id)
        customer.record(CustomerRegistered(name=name, sms_number=sms_number))
        return customer

    @classmethod
    def stored(cls, customer_id: str, state: CustomerState, version: int) -> Customer:
        """Rebuild a saved customer (repositories only); nothing is pending."""
        customer = cls(customer_id)
        customer.name, customer.sms_number = state.name, state.sms_number
        customer.enabled = state.enabled
        customer.version = version
        return customer

    def state(self) -> CustomerState:
        return CustomerState(name=self.name, sms_number=self.sms_number, enabled=self.enabled)

    def change_sms_number(self, sms_number: str) -> None:
        require_sms_number(sms_number)
        self.record(CustomerSmsChanged(sms_number=sms_number))

    def enable(self) -> None:
        if self.enabled:
            raise BadRequestError("the customer is already enabled")
        self.record(CustomerEnabled())

    def disable(self) -> None:
        if not self.enabled:
            raise BadRequestError("the customer is already disabled")
        self.record(CustomerDisabled())

    def authorize(self) -> None:
        """Only an enabled customer may place an order (a check; nothing is recorded)."""
        if not self.enabled:
            raise UnauthorizedError("customer is not authorized")

    def apply(self, event: DomainEvent) -> None:
        match event:
            case CustomerRegistered(name=name, sms_number=sms_number):
                self.name, self.sms_number, self.enabled = name, sms_number, True
            case CustomerSmsChanged(sms_number=sms_number):
                self.sms_number = sms_number
            case CustomerEnabled():
                self.enabled = True
            case CustomerDisabled():
                self.enabled = False
            case _:
                raise TypeError(f"{self.NAME} cannot apply {type(event).__name__}")
