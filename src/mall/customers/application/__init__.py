"""Use cases of Customers: command and query handlers (REST), query responders (NATS) and the
authorization check of the create-order saga."""
