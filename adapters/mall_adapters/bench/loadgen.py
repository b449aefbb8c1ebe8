"""The HTTP load generator: `wrk` (compiled, one thread) when installed, else the asyncio
client of `mall_adapters.bench.client` in a process of its own. Both keep C connections
busy for a duration, cycle through a list of requests, and report requests/s, non-2xx and
socket errors, and latency percentiles."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WRK_THREADS = 1  # two cores: one for the generator, one for the server under test


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    body: str | None = None  # JSON text


def generator(force_python: bool = False) -> str:
    return "wrk" if shutil.which("wrk") and not force_python else "python-asyncio"


def load(
    base: str, calls: list[Call], connections: int, seconds: float, force_python: bool = False
) -> dict[str, Any]:
    """Drive `calls` (round robin) at `base` with `connections` for `seconds`."""
    if generator(force_python) == "wrk":
        return _wrk(base, calls, connections, seconds)
    spec = {"base": base, "calls": [c.__dict__ for c in calls], "connections": connections}
    spec["seconds"] = seconds
    return in_process_of_its_own("mall_adapters.bench.client", spec)


def in_process_of_its_own(module: str, spec: dict[str, Any]) -> dict[str, Any]:
    """Run `python -m module` with `spec` as JSON on its stdin; the JSON it prints."""
    done = subprocess.run(
        [sys.executable, "-m", module],
        input=json.dumps(spec),
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, Any] = json.loads(done.stdout)
    return found


LUA = """
local calls = {%s}
local headers = {["Content-Type"] = "application/json"}
local i = 0
request = function()
  i = i %% #calls + 1
  local c = calls[i]
  return wrk.format(c[1], c[2], headers, c[3])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"count":%%d,"duration_us":%%d,"errors":%%d,' ..
    '"p50_us":%%d,"p95_us":%%d,"p99_us":%%d,"max_us":%%d}\\n',
    summary.requests, summary.duration, e.status + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def _lua_string(text: str | None) -> str:
    return "nil" if text is None else f"[==[{text}]==]"


def _wrk(base: str, calls: list[Call], connections: int, seconds: float) -> dict[str, Any]:
    table = ",".join(
        f"{{{_lua_string(c.method)},{_lua_string(c.path)},{_lua_string(c.body)}}}" for c in calls
    )
    with tempfile.TemporaryDirectory(prefix="intellimall-wrk-") as folder:
        script = Path(folder) / "calls.lua"
        script.write_text(LUA % table, encoding="utf-8")
        command = ["wrk", f"-t{WRK_THREADS}", f"-c{connections}", f"-d{max(1, round(seconds))}s"]
        command += ["--timeout", "10s", "-s", str(script), base]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("WRKJSON "))
    raw = json.loads(line.removeprefix("WRKJSON "))
    duration = raw["duration_us"] / 1e6
    figures = {f"{k[:-3]}_ms": round(raw[k] / 1000, 2) for k in raw if k.endswith("_us")}
    figures.pop("duration_ms")
    return {
        "count": raw["count"],
        "per_s": round(raw["count"] / duration, 1),
        "errors": raw["errors"],
        **figures,
    }
