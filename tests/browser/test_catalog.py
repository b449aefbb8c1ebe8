"""The built EventCatalog (`make catalog`, served as `intellimall catalog serve` does) in a real
browser: the home page names the domain, each module's service page lists every message it
sends and receives, and each flow page (the order lifecycle, the CreateOrder saga's happy
path and each compensation) shows the service and message of every step. All with no
console or page error, no failed request and nothing fetched but from 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.screens import catalog_screens, screen_ids
from tests.support.browser import Screen, assert_clean, visit

pytestmark = pytest.mark.browser

SCREENS = catalog_screens()


@pytest.mark.parametrize("screen", SCREENS, ids=screen_ids(SCREENS))
def test_catalog_page_shows_its_services_and_messages_offline(
    browser: Browser, catalog_site: str, shots: Path, screen: Screen
) -> None:
    seen = visit(browser, catalog_site, screen, shots)
    assert_clean(seen, screen)
    assert seen.requests, "the page fetched nothing"
