"""Fixtures for the tests that run `intellimall up` as a process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.up_process import Launcher


@pytest.fixture
def launcher() -> Iterator[Launcher]:
    """Starts `up` processes; afterwards ends them and any server left on their data dirs."""
    launcher = Launcher()
    yield launcher
    launcher.close()
