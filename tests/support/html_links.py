"""What a docs page loads or links to: every `src` and `href` attribute of its HTML."""

from __future__ import annotations

from html.parser import HTMLParser


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, v) for k, v in attrs if k in ("src", "href") and v is not None]


def references(page: str) -> list[tuple[str, str]]:
    """(tag, url) for every `src` and `href` in the page, in order."""
    collector = _Collector()
    collector.feed(page)
    return collector.found


def is_remote(url: str) -> bool:
    """A URL that leaves the site: with a scheme (`https:`, `data:` is local) or `//host`."""
    scheme = url.split(":", 1)[0] if ":" in url.split("/", 1)[0] else ""
    return url.startswith("//") or scheme.lower() not in ("", "data")
