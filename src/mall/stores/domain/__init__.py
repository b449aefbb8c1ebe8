"""The Store and Product aggregates (event-sourced)."""
