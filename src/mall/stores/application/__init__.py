"""Use cases of Store Management: command and query handlers (REST), query responders (NATS)."""
