"""Per-module SQL migrations (`<schema>/NNNN_name.sql`), applied after the kernel tables."""
