"""The Payment and Invoice aggregates."""
