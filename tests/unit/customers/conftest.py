"""The customers core on in-memory adapters, built by its production container."""

from __future__ import annotations

import pytest

from tests.support.cores import CustomersCore, build_customers_core


@pytest.fixture
def core() -> CustomersCore:
    return build_customers_core()
