"""The browser tier: pages of IntelliMall seen in a headless Chromium.

One `intellimall up` (embedded PostgreSQL and NATS in a fresh data directory) and one
Chromium per test session. Without a Chromium on the machine the tier skips, saying so;
`.ci/run` installs Debian's `chromium`, so in CI it always runs.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from mall_adapters.bootstrap.catalog_cli import catalog_server, is_built
from tests.support.browser import PROJECT_ROOT, chromium, chromium_path, screenshots_dir
from tests.support.mall_process import RunningMall, data_dir, mall_process

CATALOG_SITE = PROJECT_ROOT / "catalog" / "dist"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    if executable is None:
        pytest.skip(
            "no Chromium: install Debian's `chromium` (`.ci/run` does) or set INTELLIMALL_CHROMIUM"
        )
    with chromium(executable) as launched:
        yield launched


@pytest.fixture(scope="session")
def mall() -> Iterator[RunningMall]:
    with data_dir() as directory, mall_process(directory) as running:
        yield running


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: `docs/images/` under `make screenshots`, else a temporary dir."""
    return screenshots_dir(tmp_path_factory.mktemp("screenshots"))


@pytest.fixture(scope="session")
def catalog_site() -> Iterator[str]:
    """The built EventCatalog (`catalog/dist`), served as `intellimall catalog serve` does, on
    a free port of 127.0.0.1; its base URL."""
    if not is_built(CATALOG_SITE):
        pytest.skip("no built catalog: run `make catalog` first (`.ci/run` builds it before tests)")
    with catalog_server(CATALOG_SITE, "127.0.0.1", 0) as server:
        serving = threading.Thread(target=server.serve_forever, name="catalog", daemon=True)
        serving.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            serving.join()
