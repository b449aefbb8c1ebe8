"""`intellimall dead-letters`: the Operations API of a running IntelliMall, from a terminal.

Every failure is one line on stderr and exit code 1: no runtime.json (nothing running), a
runtime.json left by a run that ended (nothing answers), an error answer of the API.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from mall_adapters.bootstrap.servers import runtime_file
from mall_adapters.bootstrap.settings import Settings


class UnavailableError(Exception):
    pass


def base_url(url: str | None, data_dir: Path | None) -> str:
    if url:
        return url.rstrip("/")
    settings = Settings.from_env(data_dir=data_dir)
    runtime = runtime_file(settings)
    try:
        found: str = json.loads(runtime.read_text(encoding="utf-8"))["http"]
    except FileNotFoundError:
        message = f"no running IntelliMall found ({runtime} missing); pass --url"
        raise UnavailableError(message) from None
    except (OSError, ValueError, KeyError) as error:
        raise UnavailableError(f"{runtime} is unreadable ({error}); pass --url") from None
    return found


def call(request: urllib.request.Request, base: str) -> Any:
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        try:
            message = json.loads(error.read()).get("message", error.reason)
        except ValueError:
            message = f"{error.code} {error.reason}"
        raise UnavailableError(message) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        message = f"no IntelliMall answers at {base} ({reason}); is it running?"
        raise UnavailableError(message) from None


def dead_letters(url: str | None, data_dir: Path | None, replay: list[str]) -> int:
    if replay and len(replay) != 3:
        print("replay needs MODULE CONSUMER ID", file=sys.stderr)
        return 1
    try:
        base = base_url(url, data_dir)
        if replay:
            module, consumer, message_id = replay
            path = f"/admin/dead-letters/{module}/{consumer}/{message_id}/replay"
            call(urllib.request.Request(f"{base}{path}", method="POST"), base)
            print("replayed")
            return 0
        body = call(urllib.request.Request(f"{base}/admin/dead-letters"), base)
    except UnavailableError as error:
        print(f"dead-letters: {error}", file=sys.stderr)
        return 1
    for letter in body["deadLetters"]:
        print(
            f"{letter['module']} {letter['consumer']} {letter['id']} {letter['name']}"
            f" after {letter['deliveries']} deliveries at {letter['failedAt']}: {letter['error']}"
        )
    if not body["deadLetters"]:
        print("no dead letters")
    return 0
