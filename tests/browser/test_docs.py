"""`/docs` in a real browser: Swagger UI renders each module's OpenAPI spec with every
operation (path and summary), with no console or page error, no failed request, and no
request for anything but 127.0.0.1 (its JavaScript, CSS and the specs are served locally)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.screens import docs_screens, screen_ids
from tests.support.browser import Screen, assert_clean, visit
from tests.support.mall_process import RunningMall

pytestmark = pytest.mark.browser

SCREENS = docs_screens()


@pytest.mark.parametrize("screen", SCREENS, ids=screen_ids(SCREENS))
def test_docs_page_shows_the_modules_operations_offline(
    browser: Browser, mall: RunningMall, shots: Path, screen: Screen
) -> None:
    seen = visit(browser, mall.http, screen, shots)
    assert_clean(seen, screen)
    assert any("/specs/openapi/" in url for url in seen.requests), seen.requests
