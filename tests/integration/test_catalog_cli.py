"""`intellimall catalog`: `generate` writes the EventCatalog content from the specs (and
deletes what no spec produces), `serve` serves a built site from 127.0.0.1, and without a
build says what to run."""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

from mall_adapters.infra.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
CLI = (sys.executable, "-m", "mall_adapters.bootstrap.cli", "catalog")


def test_generate_writes_the_catalog_and_removes_stale_pages(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    stale = tmp_path / "catalog/events/gone.Event/index.mdx"
    stale.parent.mkdir(parents=True)
    stale.write_text("---\nid: gone.Event\n---\n")

    result = subprocess.run(
        [*CLI, "generate", "--root", str(tmp_path)], capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert not stale.exists()
    for path in (ROOT / "catalog/services").rglob("index.mdx"):
        copy = tmp_path / path.relative_to(ROOT)
        assert copy.read_text() == path.read_text()
    assert not (tmp_path / "contracts").exists()  # only the catalog is written


def test_serve_serves_the_built_site(tmp_path: Path) -> None:
    site = tmp_path / "catalog/dist"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<h1>IntelliMall catalog</h1>")
    port = free_port()
    server = subprocess.Popen(
        [*CLI, "serve", "--root", str(tmp_path), "--port", str(port)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        assert server.stdout.readline().startswith(f"EventCatalog on http://127.0.0.1:{port}/")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert response.read() == b"<h1>IntelliMall catalog</h1>"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_without_a_build_says_what_to_run(tmp_path: Path) -> None:
    result = subprocess.run(
        [*CLI, "serve", "--root", str(tmp_path)], capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 1
    assert "run `make catalog` first" in result.stderr
