"""The stores core on in-memory adapters, built by its production container."""

from __future__ import annotations

import pytest

from tests.support.cores import StoresCore, build_stores_core


@pytest.fixture
def core() -> StoresCore:
    return build_stores_core()
