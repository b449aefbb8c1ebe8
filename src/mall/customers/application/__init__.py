"""Use cases of Customers: `CustomersService` (REST), `CustomersQueryHandlers` (NATS) and
`CustomerAuthorizer` (for the create-order saga)."""
