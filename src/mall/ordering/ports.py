"""Driven ports of Order Processing: the order repository (the kernel's event store)."""

from __future__ import annotations

from mall.kernel.repository import AggregateRepository
from mall.ordering.domain.order import Order

OrderRepository = AggregateRepository[Order]
"""Orders, event-sourced in stream `ordering.Order` with snapshots."""
