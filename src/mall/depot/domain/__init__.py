"""The ShoppingList aggregate (state-stored: one row per list, no event stream)."""
