"""The one place where the Customers domain events become integration messages."""

from __future__ import annotations

from mall.customers.domain.customer import (
    Customer,
    CustomerDisabled,
    CustomerEnabled,
    CustomerRegistered,
    CustomerSmsChanged,
)
from mall.kernel.events import DomainEvent
from mall_contracts.customers import messages as api
from mall_contracts.customers.ports import CustomersPublisher


class CustomerEventsTranslator:
    """Registered, SmsChanged, Enabled and Disabled are public; CustomerAuthorized is not."""

    def __init__(self, publisher: CustomersPublisher) -> None:
        self._publish = publisher

    async def __call__(self, event: DomainEvent, customer: Customer, _version: int) -> None:
        match event:
            case CustomerRegistered(name=name, sms_number=sms_number):
                await self._publish.customer_registered(
                    api.CustomerRegistered(id=customer.id, name=name, sms_number=sms_number)
                )
            case CustomerSmsChanged(sms_number=sms_number):
                await self._publish.customer_sms_changed(
                    api.CustomerSmsChanged(id=customer.id, sms_number=sms_number)
                )
            case CustomerEnabled():
                await self._publish.customer_enabled(api.CustomerEnabled(id=customer.id))
            case CustomerDisabled():
                await self._publish.customer_disabled(api.CustomerDisabled(id=customer.id))
