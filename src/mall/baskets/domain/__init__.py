"""The Basket aggregate (event-sourced)."""
