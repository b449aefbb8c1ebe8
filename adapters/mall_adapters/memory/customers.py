"""`InMemoryCustomerRepository`: customer states and versions in a dict."""

from __future__ import annotations

from mall.customers.domain.customer import Customer, CustomerState
from mall.customers.ports import CustomerRepository
from mall.kernel.errors import ConflictError


class InMemoryCustomerRepository(CustomerRepository):
    def __init__(self) -> None:
        self.rows: dict[str, tuple[CustomerState, int]] = {}

    async def load(self, aggregate_id: str) -> Customer | None:
        row = self.rows.get(aggregate_id)
        if row is None:
            return None
        state, version = row
        return Customer.stored(aggregate_id, state, version)

    async def save(self, aggregate: Customer) -> None:
        pending = aggregate.pending_events
        if not pending:
            return
        stored = self.rows.get(aggregate.id)
        if (0 if stored is None else stored[1]) != aggregate.version:
            raise ConflictError.concurrent_change(Customer.NAME)
        self.rows[aggregate.id] = (aggregate.state(), aggregate.version + len(pending))
        aggregate.mark_committed()
