"""What the customer use cases need, and the small helpers they share."""

from __future__ import annotations

from dataclasses import dataclass

from mall.customers.domain.customer import Customer
from mall.customers.ports import CustomerRepository
from mall.kernel.ports import IdGenerator
from mall.kernel.repository import load_existing

CUSTOMER_NOT_FOUND = "customer with that ID does not exist"


@dataclass(frozen=True)
class CustomersDeps:
    customers: CustomerRepository
    ids: IdGenerator

    async def customer(self, customer_id: str) -> Customer:
        return await load_existing(self.customers, customer_id, CUSTOMER_NOT_FOUND)
