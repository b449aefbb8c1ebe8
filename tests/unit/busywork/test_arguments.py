"""`intellimall busywork` refuses a client count outside 1-25 with a clear message and exit
code 2, before it calls anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from mall_adapters.bootstrap.busywork_cli import DEFAULT_URL, target_url
from mall_adapters.bootstrap.cli import main


@pytest.mark.parametrize("clients", ["0", "26", "-3", "many"])
def test_a_client_count_outside_1_to_25_is_refused(
    clients: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["busywork", "--clients", clients, "--url", "http://127.0.0.1:9"])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "--clients" in error
    assert "give 1 to 25" in error or "is not a number" in error


def test_without_url_or_running_mall_the_default_address_is_used(tmp_path: Path) -> None:
    assert target_url(None, tmp_path) == DEFAULT_URL
    assert target_url("http://mall:9000/", None) == "http://mall:9000"
