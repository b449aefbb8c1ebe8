"""The notifications core on in-memory adapters, its look-ups answered by a real customers
core."""

from __future__ import annotations

from typing import TypeVar

import msgspec
import pytest

from mall.notifications.domain.notification import Notification
from mall_contracts.customers import http as customers_http
from mall_contracts.customers.messages import CustomerRegistered, CustomerSmsChanged
from mall_contracts.ordering import messages as orders
from tests.support import cores

M = TypeVar("M", bound=msgspec.Struct)


class NotificationsCore(cores.NotificationsCore):
    """The notifications core (`tests.support.cores`) plus the steps the tests share."""

    async def customer(self, name: str = "Ann", sms: str = "555-0100") -> str:
        """A customer known to customers only (not to the cache); returns its id."""
        body = customers_http.RegisterCustomerRequest(name=name, sms_number=sms)
        return (await self.customers.service.register_customer(body)).id

    async def registered(self, name: str = "Ann", sms: str = "555-0100") -> str:
        """A customer whose CustomerRegistered the cache has seen; returns its id."""
        customer_id = await self.customer(name, sms)
        await self.handlers.on_customer_registered(self.published(CustomerRegistered))
        return customer_id

    async def sms_changed(self, customer_id: str, sms: str) -> CustomerSmsChanged:
        """Change the number in customers; the CustomerSmsChanged it published (not handled
        yet)."""
        body = customers_http.ChangeSmsNumberRequest(sms_number=sms)
        await self.customers.service.change_sms_number(customer_id, body)
        return self.published(CustomerSmsChanged)

    def published(self, kind: type[M]) -> M:
        """The last message customers published, a `kind`."""
        message = self.customers.sink.sent[-1].message
        assert isinstance(message, kind)
        return message

    async def order_created(self, order_id: str, customer_id: str) -> None:
        message = orders.OrderCreated(
            id=order_id, customer_id=customer_id, payment_id="pay-1", items=[]
        )
        await self.handlers.on_order_created(message)

    async def order_readied(self, order_id: str, customer_id: str) -> None:
        message = orders.OrderReadied(
            id=order_id, customer_id=customer_id, payment_id="pay-1", total=9.99
        )
        await self.handlers.on_order_readied(message)

    def recorded(self) -> list[Notification]:
        """Every notification in the log, oldest first."""
        return [row.notification for row in self.log.rows.values()]


@pytest.fixture
def core() -> NotificationsCore:
    return NotificationsCore(**vars(cores.build_notifications_core()))
