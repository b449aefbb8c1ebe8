"""Customers for notifications: the local cache first, then customers on a miss."""

from __future__ import annotations

from dataclasses import dataclass

from mall.kernel.errors import NotFoundError
from mall.notifications.ports import CachedCustomer, CustomerCache
from mall_contracts.customers.messages import GetCustomer, GetCustomerReply
from mall_contracts.notifications.ports import NotificationsRequests

CUSTOMER_NOT_LOCATED = "customer fallback failed: customer was not located"


@dataclass(frozen=True)
class Located:
    customer: CachedCustomer
    fetched: bool  # asked from customers: the caller caches it in its unit of work


class CustomerLookup:
    """Reads the cache; on a miss asks customers. Call it before the unit of work opens (a
    miss crosses the network); it writes nothing, so the caller caches a fetched customer in
    the same unit of work as its effect (and the inbox row of the message it handles). Raises
    `NotFoundError` when customers does not know the id either, and lets the requester's
    `UnavailableError` through when customers does not answer."""

    def __init__(self, customers: CustomerCache, requests: NotificationsRequests) -> None:
        self._customers = customers
        self._requests = requests

    async def locate(self, customer_id: str) -> Located:
        cached = await self._customers.find(customer_id)
        if cached is not None:
            return Located(cached, fetched=False)
        reply = await self._requests.get_customer(GetCustomer(id=customer_id))
        if not isinstance(reply, GetCustomerReply):
            raise NotFoundError(CUSTOMER_NOT_LOCATED)
        found = reply.customer
        return Located(
            CachedCustomer(found.id, found.name, found.sms_number, found.version), fetched=True
        )
