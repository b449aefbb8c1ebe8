"""`PostgresCustomerRepository`: customers stored by state in `customers.customers`."""

from __future__ import annotations

from mall.customers.domain.customer import Customer, CustomerState
from mall.customers.ports import CustomerRepository
from mall.kernel.errors import ConflictError
from mall_adapters.postgres.database import Database


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
        pending = aggregate.pending_events
        if not pending:
            return
        state = aggregate.state()
        version = aggregate.version + len(pending)
        conn = self._db.connection()
        if aggregate.version == 0:
            # ON CONFLICT rather than catching the unique violation: the caller's transaction
            # stays usable, and a concurrent insert still waits for the other to commit.
            status = await conn.execute(
                "INSERT INTO customers.customers (id, name, sms_number, enabled, version)"
                " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
                aggregate.id,
                state.name,
                state.sms_number,
                state.enabled,
                version,
            )
        else:
            status = await conn.execute(
                "UPDATE customers.customers SET name = $2, sms_number = $3, enabled = $4,"
                " version = $5 WHERE id = $1 AND version = $6",
                aggregate.id,
                state.name,
                state.sms_number,
                state.enabled,
                version,
                aggregate.version,
            )
        if status.endswith(" 0"):
            raise ConflictError.concurrent_change(Customer.NAME)
        aggregate.mark_committed()
