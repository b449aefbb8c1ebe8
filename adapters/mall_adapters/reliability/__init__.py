"""The delivery machinery every adapter shares, independent of PostgreSQL and NATS: the
message envelope, the ports of outbox, inbox, dead letters and idempotency records, the
unit-of-work runner and the guard against network I/O inside a transaction."""
