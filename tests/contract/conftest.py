"""Pact contract tests: consumer tests write `pacts/`, provider verifications read it.

Consumer modules run before provider modules (whatever their file names), so one pytest run
verifies the providers against the pacts the consumers just wrote.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.contract_pacts import is_provider_module

os.environ.setdefault("PACT_DO_NOT_TRACK", "true")  # read by the verifier when it runs

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    slots = [i for i, item in enumerate(items) if item.path.parent == HERE]
    ordered = sorted((items[i] for i in slots), key=lambda it: is_provider_module(it.path.stem))
    for slot, item in zip(slots, ordered, strict=True):
        items[slot] = item
