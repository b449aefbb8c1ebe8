"""`InMemoryCustomerRepository` (customer states and versions in a dict), and a loopback for
the `GetCustomer` look-up other modules send."""

from __future__ import annotations

from mall.customers.domain.customer import Customer, CustomerState
from mall.customers.ports import CustomerRepository
from mall.kernel.errors import ConflictError
from mall_adapters.reliability.guard import forbid_network_io
from mall_contracts.common.messages import NotFound
from mall_contracts.customers import messages
from mall_contracts.customers.ports import CustomersHandlers


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


class LoopbackCustomersRequests:
    """Answers `GetCustomer` by calling the customers handlers directly (no broker): unit
    tests wire a module that looks customers up (payments, notifications) to the real
    customers core this way. `asked` lists every query sent, so tests can tell a cache hit
    from a fallback. Like a real request it refuses to run while a transaction is open."""

    def __init__(self, customers: CustomersHandlers) -> None:
        self._customers = customers
        self.asked: list[messages.GetCustomer] = []

    async def get_customer(
        self, query: messages.GetCustomer
    ) -> messages.GetCustomerReply | NotFound:
        forbid_network_io("GetCustomer")
        self.asked.append(query)
        return await self._customers.get_customer(query)
