"""Run-time settings, from the environment (`INTELLIMALL_*`) and the command line."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mall_contracts.common import subjects

ALL_MODULES = (
    "stores",
    "customers",
    "baskets",
    "ordering",
    "depot",
    "payments",
    "notifications",
    "search",
    "cosec",
)


def installed_specs() -> Path:
    """The folder of the spec files: the data-only package `mall_specs` (the repository's
    specs/, mapped by setup.py; in an editable install, specs/ itself).

    It is a namespace package, and setuptools' editable finder adds a placeholder entry to
    its path (which `importlib.resources` cannot read on 3.11), so the real folder is taken.
    """
    spec = importlib.util.find_spec("mall_specs")
    locations = spec.submodule_search_locations if spec else None
    for location in locations or []:
        if (Path(location) / "openapi").is_dir():
            return Path(location)
    raise RuntimeError("the spec files (package mall_specs) are not installed")


@dataclass(frozen=True)
class Settings:
    pg_dsn: str = ""  # empty: start the embedded PostgreSQL
    nats_url: str = ""  # empty: start the embedded NATS server
    host: str = "127.0.0.1"
    port: int = 8080
    data_dir: Path = field(default_factory=lambda: Path.cwd() / ".intellimall")
    specs_dir: Path = field(default_factory=installed_specs)
    modules: tuple[str, ...] = ALL_MODULES
    snapshot_every: int = 50
    query_timeout_seconds: float = 2.0
    connect_timeout_seconds: float = 10.0
    max_deliver: int = subjects.MAX_DELIVER
    retry_delay_seconds: float = 0.2
    relay_poll_seconds: float = 1.0
    # Outbox rows a relay reads and publishes (pipelined) at once when it is behind; only a
    # backlog fills a batch, so it trades nothing while the relay keeps up.
    relay_batch_size: int = 500
    relay_unhealthy_seconds: float = 30.0  # readiness fails once a relay failed this long
    conflict_attempts: int = 5  # tries of a unit of work that conflicts with another process
    idempotency_ttl_seconds: float = 24 * 3600.0
    pool_size: int = 20  # connections for requests, consumers and relays
    reserved_pool_size: int = 4  # connections kept for the query responders
    # A saga step without a reply fails then. Longer than JetStream's ack wait (10 s) plus a
    # restart: what a killed process received and never acknowledged comes again only after
    # the ack wait, and must not find its step timed out.
    saga_step_timeout_seconds: float = 30.0
    log_level: str = "INFO"
    # The embedded PostgreSQL only; off trades the last commits on a crash for throughput.
    pg_synchronous_commit: bool = True
    sms_webhook: str = ""  # empty: SMS are logged, not sent

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        env = os.environ
        values: dict[str, Any] = {
            "pg_dsn": env.get("INTELLIMALL_PG_DSN", ""),
            "nats_url": env.get("INTELLIMALL_NATS_URL", ""),
        }
        if "INTELLIMALL_HOST" in env:
            values["host"] = env["INTELLIMALL_HOST"]
        numbers = {
            "port": ("INTELLIMALL_PORT", int),
            "snapshot_every": ("INTELLIMALL_SNAPSHOT_EVERY", int),
            "query_timeout_seconds": ("INTELLIMALL_QUERY_TIMEOUT", float),
            "connect_timeout_seconds": ("INTELLIMALL_CONNECT_TIMEOUT", float),
            "max_deliver": ("INTELLIMALL_MAX_DELIVER", int),
            "conflict_attempts": ("INTELLIMALL_CONFLICT_ATTEMPTS", int),
            "idempotency_ttl_seconds": ("INTELLIMALL_IDEMPOTENCY_TTL", float),
            "pool_size": ("INTELLIMALL_PG_POOL_SIZE", int),
            "relay_batch_size": ("INTELLIMALL_RELAY_BATCH_SIZE", int),
            "reserved_pool_size": ("INTELLIMALL_PG_RESERVED_POOL_SIZE", int),
            "saga_step_timeout_seconds": ("INTELLIMALL_SAGA_STEP_TIMEOUT", float),
        }
        for key, (name, kind) in numbers.items():
            if name in env:
                try:
                    values[key] = kind(env[name])
                except ValueError:
                    raise ValueError(f"{name} must be a number, not {env[name]!r}") from None
        if values.get("relay_batch_size", 1) < 1:
            raise ValueError("INTELLIMALL_RELAY_BATCH_SIZE must be at least 1")
        if "INTELLIMALL_DATA_DIR" in env:
            values["data_dir"] = Path(env["INTELLIMALL_DATA_DIR"])
        if "INTELLIMALL_SMS_WEBHOOK" in env:
            values["sms_webhook"] = env["INTELLIMALL_SMS_WEBHOOK"]
        if "INTELLIMALL_LOG_LEVEL" in env:
            values["log_level"] = env["INTELLIMALL_LOG_LEVEL"]
        if "INTELLIMALL_PG_SYNCHRONOUS_COMMIT" in env:
            values["pg_synchronous_commit"] = _on_off(
                "INTELLIMALL_PG_SYNCHRONOUS_COMMIT", env["INTELLIMALL_PG_SYNCHRONOUS_COMMIT"]
            )
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_servers(self, pg_dsn: str, nats_url: str) -> Settings:
        return replace(self, pg_dsn=pg_dsn, nats_url=nats_url)


def _on_off(name: str, value: str) -> bool:
    if value.lower() in ("on", "true", "1"):
        return True
    if value.lower() in ("off", "false", "0"):
        return False
    raise ValueError(f"{name} must be on or off, not {value!r}")
