"""A headless Chromium (Debian's, driven by Playwright) and one visit of a page in it.

`visit` opens a page in a fresh browser context and records what a person would not see:
console errors, uncaught page errors, local requests that failed, and every request for a
host other than 127.0.0.1/localhost (those are aborted, so a test never reaches the network
even when it is about to fail). It waits until the page shows what it must show, then keeps
a full-page screenshot. The test asserts on the returned `Visit`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Request,
    Route,
    ViewportSize,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS_DIR = PROJECT_ROOT / "docs" / "images"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
NETWORK_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp"})
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
RENDER_MS = 30_000  # the page must show its content within this (a busy machine is slow)
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    # Chromium's own traffic (updates, sync, safe browsing), which pages do not cause.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """The system Chromium: `INTELLIMALL_CHROMIUM`, else `chromium` or `chromium-browser` on
    PATH (Debian's package, which `.ci/run` installs). Playwright's own browser downloads are
    never used: they need the network."""
    named = os.environ.get("INTELLIMALL_CHROMIUM")
    if named:
        return named
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def chromium(executable: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshots_dir(fallback: Path) -> Path:
    """`docs/images/` with `INTELLIMALL_SCREENSHOTS=1` (`make screenshots`), else `fallback`
    (a temporary directory), so a plain test run leaves the work tree as it was."""
    return SCREENSHOTS_DIR if os.environ.get("INTELLIMALL_SCREENSHOTS") == "1" else fallback


def is_outside(url: str) -> bool:
    """Whether fetching `url` would leave this machine's loopback."""
    parts = urlsplit(url)
    return parts.scheme in NETWORK_SCHEMES and (parts.hostname or "") not in LOCAL_HOSTS


@dataclass(frozen=True)
class Screen:
    """A page to look at: its screenshot's name (`<name>.png`), its path on the server, a CSS
    selector present once it rendered, and texts it must then show (operations, messages)."""

    name: str
    path: str
    ready: str
    shows: tuple[str, ...]
    full_page: bool = True  # screenshot the whole page, else only the first viewport


@dataclass
class Visit:
    """What one page load did."""

    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    screenshot: Path | None = None

    def record(self, request: Request) -> None:
        self.requests.append(request.url)

    def guard(self, route: Route) -> None:
        url = route.request.url
        if is_outside(url):
            self.outside.append(url)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} at {message.location}")

    def page_error(self, error: PlaywrightError) -> None:
        self.page_errors.append(str(error))

    def request_failed(self, request: Request) -> None:
        if not is_outside(request.url):  # the outside ones failed because `guard` said so
            self.failed.append(f"{request.method} {request.url}: {request.failure}")


def visible_text(page: Page) -> str:
    # Swagger UI puts zero-width spaces into paths so that long ones can wrap.
    return page.inner_text("body").replace("\u200b", "")


def visit(browser: Browser, base_url: str, screen: Screen, shots: Path) -> Visit:
    """Load `screen` from `base_url`, wait until it shows `screen.shows` (or `RENDER_MS`
    passed), and keep its screenshot in `shots`."""
    seen = Visit()
    context = browser.new_context(viewport=VIEWPORT)
    try:
        context.route("**/*", seen.guard)
        page = context.new_page()
        page.on("request", seen.record)
        page.on("console", seen.console)
        page.on("pageerror", seen.page_error)
        page.on("requestfailed", seen.request_failed)
        page.goto(base_url + screen.path, wait_until="networkidle")
        page.wait_for_selector(screen.ready, timeout=RENDER_MS)
        shows = [text.replace("\u200b", "") for text in screen.shows]
        with contextlib.suppress(PlaywrightError):  # `missing` below says what did not show
            page.wait_for_function(
                """texts => { const seen = document.body.innerText.replaceAll("\\u200b", "");
                              return texts.every(text => seen.includes(text)); }""",
                arg=shows,
                timeout=RENDER_MS,
            )
        text = visible_text(page)
        seen.missing = [wanted for wanted in shows if wanted not in text]
        shots.mkdir(parents=True, exist_ok=True)
        seen.screenshot = shots / f"{screen.name}.png"
        page.screenshot(path=seen.screenshot, full_page=screen.full_page)
    finally:
        context.close()
    return seen


def assert_clean(seen: Visit, screen: Screen) -> None:
    """The page showed everything it must, with no error and nothing fetched from outside."""
    assert seen.outside == [], "requests left 127.0.0.1"
    assert seen.console_errors == []
    assert seen.page_errors == []
    assert seen.failed == []
    assert seen.missing == [], f"not shown on {screen.path}"
