"""`/asyncapi/` and `/asyncapi/<module>` in a real browser: the AsyncAPI React component renders
each module's bundled document with every operation and message, and the index links every
module, with no console or page error, no failed request, and nothing fetched but from
127.0.0.1 (the component's bundle and CSS are served locally, the document is in the page)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.screens import asyncapi_index_screen, asyncapi_screens, screen_ids
from tests.support.browser import Screen, assert_clean, visit
from tests.support.mall_process import RunningMall

pytestmark = pytest.mark.browser

SCREENS = asyncapi_screens()


@pytest.mark.parametrize("screen", SCREENS, ids=screen_ids(SCREENS))
def test_asyncapi_page_shows_the_modules_operations_and_messages_offline(
    browser: Browser, mall: RunningMall, shots: Path, screen: Screen
) -> None:
    seen = visit(browser, mall.http, screen, shots)
    assert_clean(seen, screen)
    assert any("/static/asyncapi-react/" in url for url in seen.requests), seen.requests


def test_asyncapi_index_links_every_module_offline(
    browser: Browser, mall: RunningMall, shots: Path
) -> None:
    screen = asyncapi_index_screen()
    seen = visit(browser, mall.http, screen, shots)
    assert_clean(seen, screen)
