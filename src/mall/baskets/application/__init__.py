"""Use cases of Shopping Baskets: command and query handlers (REST), policies (NATS)."""
