"""The Customer aggregate (state-stored: one row per customer, no event stream)."""
