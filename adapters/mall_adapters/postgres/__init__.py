"""PostgreSQL adapters: the database scopes and unit of work, event store, outbox and its watch,
inbox, dead letters, idempotency records, read models and caches, migrations."""
