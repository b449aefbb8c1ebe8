"""The one place where the Customers domain events become integration messages.

Every message carries the customer's version after its event, so consumers' caches keep the
newest state whatever order or how often messages reach them.
"""

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

    async def __call__(self, event: DomainEvent, customer: Customer, version: int) -> None:
        match event:
            case CustomerRegistered(name=name, sms_number=sms_number):
                await self._publish.customer_registered(
                    api.CustomerRegistered(
                        id=customer.id, name=name, sms_number=sms_number, version=version
                    )
                )
            case CustomerSmsChanged(sms_number=sms_number):
                await self._publish.customer_sms_changed(
                    api.CustomerSmsChanged(id=customer.id, sms_number=sms_number, version=version)
                )
            case CustomerEnabled():
                await self._publish.customer_enabled(
                    api.CustomerEnabled(id=customer.id, version=version)
                )
            case CustomerDisabled():
                await self._publish.customer_disabled(
                    api.CustomerDisabled(id=customer.id, version=version)
                )
