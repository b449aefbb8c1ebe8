"""`intellimall docs build --out DIR` writes the docs pages as a static site: the same AsyncAPI
pages and Swagger UI page as the app, every link relative and landing on a file of the site
(so it works under any path, e.g. GitHub Pages), and it never clears a folder it did not
write."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from mall_adapters.bootstrap.cli import main
from mall_adapters.bootstrap.settings import ALL_MODULES
from tests.support.html_links import is_remote, references

ROOT = Path(__file__).resolve().parents[2]
SWAGGER_URLS = re.compile(r"urls: (\[.*?\]),\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    assert main(["docs", "build", "--out", str(out)]) == 0
    return out


def local_target(page: Path, url: str) -> Path:
    assert not is_remote(url), (page, url)
    path = urlsplit(url).path
    assert path and not path.startswith("/"), (page, url)  # relative: the site moves as a whole
    return (page.parent / path).resolve()


def test_the_site_has_the_pages_of_the_app(site: Path) -> None:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    wanted = ["asyncapi/index.html", "docs/index.html", "index.html"]
    wanted += [f"asyncapi/{module}.html" for module in ALL_MODULES]
    assert [p for p in pages if not p.startswith("static/")] == sorted(wanted)
    assert (site / ".nojekyll").is_file()
    for module in ALL_MODULES:
        bundled = (ROOT / f"specs/bundled/asyncapi/{module}.json").read_text()
        assert (site / f"specs/bundled/asyncapi/{module}.json").read_text() == bundled


def test_every_link_is_relative_and_lands_on_a_file_of_the_site(site: Path) -> None:
    checked = 0
    for page in [*site.glob("*.html"), *site.glob("docs/*.html"), *site.glob("asyncapi/*.html")]:
        for _tag, url in references(page.read_text()):
            target = local_target(page, url)
            assert target.is_relative_to(site.resolve()), (page, url)
            assert target.is_file(), (page, url)
            checked += 1
    assert checked > 3 * len(ALL_MODULES)


def test_swagger_ui_reads_the_site_own_specs(site: Path) -> None:
    page = site / "docs" / "index.html"
    (urls,) = SWAGGER_URLS.findall(page.read_text())
    specs = [entry["url"] for entry in json.loads(urls)]
    assert "../specs/openapi/stores.yaml" in specs
    for url in specs:
        assert local_target(page, url).is_file(), url


def test_a_module_page_loads_the_vendored_component(site: Path) -> None:
    page = (site / "asyncapi" / "ordering.html").read_text()
    assert [url for tag, url in references(page) if tag in ("script", "link")] == [
        "../static/asyncapi-react/default.min.css",
        "../static/asyncapi-react/index.js",
    ]
    assert "AsyncApiStandalone.render" in page
    assert '"receiveBasketEvents"' in page


def test_a_rebuild_replaces_the_site_but_a_foreign_folder_is_left_alone(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "stale.html").write_text("old")
    assert main(["docs", "build", "--out", str(site)]) == 0
    assert not (site / "stale.html").exists()
    (tmp_path / "mine.txt").write_text("keep me")
    assert main(["docs", "build", "--out", str(tmp_path)]) == 1
    assert (tmp_path / "mine.txt").read_text() == "keep me"
    assert "holds no earlier docs build" in capsys.readouterr().err
