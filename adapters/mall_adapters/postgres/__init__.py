"""PostgreSQL adapters: the unit of work, event store, outbox, inbox, read models, migrations."""
