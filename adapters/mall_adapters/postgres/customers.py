"""`PostgresCustomerRepository`: customers stored by state in `customers.customers`."""

from __future__ import annotations

from mall.customers.domain.customer import Customer, CustomerState
from mall.customers.ports import CustomerRepository
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.versioned_rows import VersionedRows, save_aggregate

CUSTOMERS = VersionedRows("customers.customers", ("name", "sms_number", "enabled"))


class PostgresCustomerRepository(CustomerRepository):
    """The row's `version` is the customer's committed event count; updates compare it."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def load(self, aggregate_id: str) -> Customer | None:
        row = await self._db.fetchrow(
            "SELECT name, sms_number, enabled, version FROM customers.customers WHERE id = $1",
            aggregate_id,
        )
        if row is None:
            return None
        state = CustomerState(row["name"], row["sms_number"], row["enabled"])
        return Customer.stored(aggregate_id, state, row["version"])

    async def save(self, aggregate: Customer) -> None:
        await save_aggregate(self._db, CUSTOMERS, aggregate, _row)


def _row(customer: Customer) -> dict[str, object]:
    state = customer.state()
    return {"name": state.name, "sms_number": state.sms_number, "enabled": state.enabled}
