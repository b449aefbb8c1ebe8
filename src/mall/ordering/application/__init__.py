"""Use cases of Order Processing: command and query handlers (REST), the saga's commands and
the policies of consumed messages (NATS)."""
