"""Order Processing: orders from checkout to completion (event-sourced)."""
