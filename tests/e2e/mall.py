"""The system under test, run as `intellimall up` runs it, and what the steps remember.

`MallProcess` starts `python -m mall_adapters.bootstrap.cli up` on embedded PostgreSQL and
NATS in its own data directory, waits for `/liveness`, and stops it with SIGINT, as a person
at a terminal would. `World` is the memory of one scenario (the reference keeps it in the
godog context): the last response, and the ids of what the scenario made.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from mall_adapters.infra.nats import free_port

PROJECT_ROOT = Path(__file__).resolve().parents[2]
START_DEADLINE_SECONDS = 60.0
STOP_DEADLINE_SECONDS = 30.0

# The tables the reference's suite truncates before every scenario.
SCENARIO_TABLES = (
    "baskets.events",
    "baskets.snapshots",
    "baskets.inbox",
    "baskets.outbox",
    "baskets.products_cache",
    "baskets.stores_cache",
    "customers.customers",
    "customers.inbox",
    "customers.outbox",
    "stores.stores",
    "stores.products",
    "stores.events",
    "stores.snapshots",
    "stores.inbox",
    "stores.outbox",
)


@dataclass(frozen=True)
class RunningMall:
    """Where a started `intellimall up` listens, read from its `runtime.json`."""

    http: str
    pg_dsn: str
    nats_url: str


@contextlib.contextmanager
def mall_process(data_dir: Path) -> Iterator[RunningMall]:
    """`intellimall up --data-dir data_dir --port <free>`, until the block ends."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("INTELLIMALL_PG_DSN", "INTELLIMALL_NATS_URL")
    }
    env["PYTHONUNBUFFERED"] = "1"
    command = [
        sys.executable,
        "-m",
        "mall_adapters.bootstrap.cli",
        "up",
        "--data-dir",
        str(data_dir),
        "--port",
        str(free_port()),
    ]
    log_path = data_dir / "up.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl-C at the terminal reaches it only through us
        )
    try:
        yield wait_until_live(process, data_dir / "runtime.json", log_path)
    finally:
        stop(process, log_path)


def wait_until_live(
    process: subprocess.Popen[bytes], runtime_file: Path, log_path: Path
) -> RunningMall:
    deadline = time.monotonic() + START_DEADLINE_SECONDS
    with httpx.Client(timeout=5.0) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(
                    f"`intellimall up` exited with {process.returncode} before it was live:\n"
                    + output(log_path),
                    pytrace=False,
                )
            running = read_runtime_file(runtime_file)
            if running is not None:
                with contextlib.suppress(httpx.HTTPError):
                    if client.get(f"{running.http}/liveness").status_code == 200:
                        return running
            time.sleep(0.1)
    pytest.fail(
        f"`intellimall up` was not live within {START_DEADLINE_SECONDS:.0f} s:\n"
        + output(log_path),
        pytrace=False,
    )


def read_runtime_file(path: Path) -> RunningMall | None:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # not written yet, or half written
        return None
    return RunningMall(http=info["http"], pg_dsn=info["pg_dsn"], nats_url=info["nats_url"])


def stop(process: subprocess.Popen[bytes], log_path: Path) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=STOP_DEADLINE_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        pytest.fail(
            f"`intellimall up` did not stop within {STOP_DEADLINE_SECONDS:.0f} s of SIGINT"
            " and was killed:\n" + output(log_path),
            pytrace=False,
        )


def output(log_path: Path) -> str:
    try:
        return log_path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        return f"(no output: {error})"


# ------------------------------------------------------------------------------ database


async def _fetch(dsn: str, sql: str, *args: object) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetch(sql, *args)
    finally:
        await conn.close()


def fetch(dsn: str, sql: str, *args: object) -> list[asyncpg.Record]:
    """One query on a short connection of its own (the steps are synchronous)."""
    return asyncio.run(_fetch(dsn, sql, *args))


def truncate_scenario_tables(dsn: str) -> None:
    fetch(dsn, f"TRUNCATE {', '.join(SCENARIO_TABLES)}")


# ------------------------------------------------------------------------------ scenario


@dataclass(frozen=True)
class Outcome:
    """One API call of a step: which operation, and what came back."""

    operation: str
    response: httpx.Response

    @property
    def ok(self) -> bool:
        return self.response.is_success

    @property
    def error_message(self) -> str | None:
        """The `message` of an error body; None for a success."""
        if self.ok:
            return None
        try:
            body = self.response.json()
        except ValueError:
            return self.response.text
        message = body.get("message") if isinstance(body, dict) else None
        return message if isinstance(message, str) else self.response.text

    def describe(self) -> str:
        request = self.response.request
        return (
            f"{self.operation}: {request.method} {request.url.path} answered "
            f"{self.response.status_code} {self.response.text}"
        )


@dataclass
class World:
    """What the steps of one scenario remember (the reference's godog context values)."""

    api: httpx.Client
    last: Outcome | None = None
    customer_id: str | None = None
    basket_id: str | None = None
    store_id: str | None = None
    product_id: str | None = None
    products: dict[str, str] = field(default_factory=dict)  # by name

    def call(self, operation: str, method: str, path: str, body: Any = None) -> Outcome:
        outcome = Outcome(operation, self.api.request(method, path, json=body))
        self.last = outcome
        return outcome

    def product_id_for(self, name: str) -> str:
        """A remembered product's id; a product the scenario never made gets a random one."""
        return self.products.get(name) or str(uuid.uuid4())

    def expect_success(self, operation: str) -> None:
        assert self.last is not None, f"no API call was made; expected a successful {operation}"
        assert self.last.operation == operation, (
            f"the last call was {self.last.operation}, not {operation}"
        )
        assert self.last.ok, self.last.describe()

    def expect_error(self, message: str) -> None:
        assert self.last is not None, f'no API call was made; expected a "{message}" error'
        assert not self.last.ok, f'expected a "{message}" error; ' + self.last.describe()
        received = self.last.error_message or ""
        assert message in received, f'expected a "{message}" error; ' + self.last.describe()

    # ---------------------------------------------------------------- the calls steps share

    def register_customer(self, name: str) -> Outcome:
        outcome = self.call(
            "registerCustomer",
            "POST",
            "/api/customers",
            {"name": name, "smsNumber": "555-555-1212"},
        )
        if outcome.ok:
            self.customer_id = outcome.response.json()["id"]
        return outcome

    def create_store(self, name: str) -> Outcome:
        outcome = self.call(
            "createStore", "POST", "/api/stores", {"name": name, "location": "anywhere"}
        )
        if outcome.ok:
            self.store_id = outcome.response.json()["id"]
        return outcome

    def add_product(self, name: str, price: float) -> Outcome:
        assert self.store_id is not None, "no store to add the product to"
        outcome = self.call(
            "addProduct",
            "POST",
            f"/api/stores/{self.store_id}/products",
            {"name": name, "price": price},
        )
        if outcome.ok:
            self.product_id = outcome.response.json()["id"]
            self.products[name] = self.product_id
        return outcome


def table_rows(datatable: list[list[str]]) -> list[dict[str, str]]:
    """A Gherkin table (header row first) as one dict per row."""
    header, *rows = datatable
    return [dict(zip(header, row, strict=True)) for row in rows]
