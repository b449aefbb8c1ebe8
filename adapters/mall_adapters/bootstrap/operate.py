"""`intellimall dead-letters`: the Operations API of a running IntelliMall, from a terminal."""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

from mall_adapters.bootstrap.settings import Settings


def base_url(url: str | None, data_dir: Path | None) -> str:
    if url:
        return url.rstrip("/")
    runtime = (data_dir or Settings.from_env().data_dir) / "runtime.json"
    if not runtime.exists():
        raise SystemExit(f"no running IntelliMall found ({runtime} missing); pass --url")
    found: str = json.loads(runtime.read_text(encoding="utf-8"))["http"]
    return found


def dead_letters(url: str | None, data_dir: Path | None, replay: list[str]) -> int:
    base = base_url(url, data_dir)
    if replay:
        if len(replay) != 3:
            raise SystemExit("replay needs MODULE CONSUMER ID")
        module, consumer, message_id = replay
        request = urllib.request.Request(
            f"{base}/admin/dead-letters/{module}/{consumer}/{message_id}/replay", method="POST"
        )
    else:
        request = urllib.request.Request(f"{base}/admin/dead-letters")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body = json.loads(response.read())
    except urllib.error.HTTPError as error:
        print(json.loads(error.read()).get("message", error.reason), file=sys.stderr)
        return 1
    if replay:
        print("replayed")
        return 0
    for letter in body["deadLetters"]:
        print(
            f"{letter['module']} {letter['consumer']} {letter['id']} {letter['name']}"
            f" after {letter['deliveries']} deliveries at {letter['failedAt']}: {letter['error']}"
        )
    if not body["deadLetters"]:
        print("no dead letters")
    return 0
