"""Driven ports of Customers."""

from __future__ import annotations

from mall.customers.domain.customer import Customer
from mall.kernel.repository import AggregateRepository

CustomerRepository = AggregateRepository[Customer]
"""Customers stored by state, one record per customer.

`load` returns a fresh `Customer` (never an object shared with another caller) whose
`version` is the number of events committed for it, or None for an id never saved. `save`
writes the customer's current state when it has pending events (and does nothing
otherwise): a customer at version 0 is inserted, any other is updated only if the stored
version is still the one it was loaded at. A second customer saved under the same id, or a
stale copy saved after another writer's save, raises `ConflictError` and changes nothing.
After a successful save the pending events are committed and `version` advances by their
number, inside the caller's unit of work.
"""
