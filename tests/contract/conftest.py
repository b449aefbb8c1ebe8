"""Pact contract tests: consumer tests write `pacts/`, provider verifications read it.

Consumer modules run before provider modules (whatever their file names), so one pytest run
verifies the providers against the pacts the consumers just wrote.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("PACT_DO_NOT_TRACK", "true")

HERE = Path(__file__).resolve().parent
PROVIDER_MODULES = frozenset({"test_stores_provides_messages", "test_baskets_api_provider"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    slots = [i for i, item in enumerate(items) if item.path.parent == HERE]
    ordered = sorted((items[i] for i in slots), key=lambda it: it.path.stem in PROVIDER_MODULES)
    for slot, item in zip(slots, ordered, strict=True):
        items[slot] = item
