"""Schema migrations per module, applied at start-up.

Each module schema has a `schema_migrations` table. All of it runs in one transaction under
an advisory lock, so applying twice is a no-op and two processes starting together serialise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from mall_adapters.postgres.database import Connection

LOCK_KEY = 0x1A7E11A11  # one advisory lock for every IntelliMall migration


@dataclass(frozen=True)
class Migration:
    version: str
    sql: str


def kernel_migrations(schema: str) -> list[Migration]:
    """Tables every module has: event store, snapshots, outbox, inbox, dead letters, and
    idempotency records (added later, so an existing database gets them too)."""
    return [
        Migration("0001_kernel", KERNEL_SQL.replace("{schema}", schema)),
        Migration("kernel_0002_idempotency", IDEMPOTENCY_SQL.replace("{schema}", schema)),
    ]


def module_migrations(schema: str) -> list[Migration]:
    """The kernel migrations, then the module's own `migrations/<schema>/*.sql` (if any) in
    name order."""
    folder = resources.files("mall_adapters.postgres") / "migrations" / schema
    found = folder.iterdir() if folder.is_dir() else ()  # a module may own no table
    files = sorted((f for f in found if f.name.endswith(".sql")), key=lambda f: f.name)
    own = [Migration(f.name.removesuffix(".sql"), f.read_text(encoding="utf-8")) for f in files]
    return [*kernel_migrations(schema), *own]


async def migrate(conn: Connection, plan: Mapping[str, Sequence[Migration]]) -> list[str]:
    """Apply what is missing; returns `schema/version` of each migration applied now."""
    applied_now: list[str] = []
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock($1)", LOCK_KEY)
        for schema, migrations in plan.items():
            await conn.execute(
                f"CREATE SCHEMA IF NOT EXISTS {schema};"
                f" CREATE TABLE IF NOT EXISTS {schema}.schema_migrations"
                " (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
            )
            done = {
                r["version"]
                for r in await conn.fetch(f"SELECT version FROM {schema}.schema_migrations")
            }
            for migration in migrations:
                if migration.version in done:
                    continue
                await conn.execute(migration.sql)
                await conn.execute(
                    f"INSERT INTO {schema}.schema_migrations (version) VALUES ($1)",
                    migration.version,
                )
                applied_now.append(f"{schema}/{migration.version}")
    return applied_now


KERNEL_SQL = """
CREATE TABLE {schema}.events (
    stream_id      text        NOT NULL,
    stream_name    text        NOT NULL,
    stream_version int         NOT NULL,
    event_id       text        NOT NULL,
    event_name     text        NOT NULL,
    event_data     jsonb       NOT NULL,
    occurred_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stream_id, stream_name, stream_version)
);

CREATE TABLE {schema}.snapshots (
    stream_id      text        NOT NULL,
    stream_name    text        NOT NULL,
    stream_version int         NOT NULL,
    snapshot_name  text        NOT NULL,
    snapshot_data  jsonb       NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stream_id, stream_name)
);

CREATE TABLE {schema}.outbox (
    position     bigserial   NOT NULL,
    id           text        PRIMARY KEY,
    name         text        NOT NULL,
    subject      text        NOT NULL,
    data         bytea       NOT NULL,
    metadata     jsonb       NOT NULL,
    sent_at      timestamptz NOT NULL,
    published_at timestamptz
);
CREATE INDEX unpublished_idx ON {schema}.outbox (sent_at, position) WHERE published_at IS NULL;

CREATE FUNCTION {schema}.notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('intellimall_outbox', '{schema}');
    RETURN NULL;
END $$;
CREATE TRIGGER outbox_notify AFTER INSERT ON {schema}.outbox
    FOR EACH STATEMENT EXECUTE FUNCTION {schema}.notify_outbox();

CREATE TABLE {schema}.inbox (
    id          text        PRIMARY KEY,
    name        text        NOT NULL,
    subject     text        NOT NULL,
    data        bytea       NOT NULL,
    metadata    jsonb       NOT NULL,
    sent_at     timestamptz NOT NULL,
    received_at timestamptz NOT NULL
);

CREATE TABLE {schema}.dead_letters (
    id          text        NOT NULL,
    consumer    text        NOT NULL,
    name        text        NOT NULL,
    subject     text        NOT NULL,
    data        bytea       NOT NULL,
    metadata    jsonb       NOT NULL,
    sent_at     timestamptz NOT NULL,
    error       text        NOT NULL,
    deliveries  int         NOT NULL,
    failed_at   timestamptz NOT NULL,
    replayed_at timestamptz,
    PRIMARY KEY (id, consumer)
);

CREATE FUNCTION {schema}.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
        NEW.created_at := OLD.created_at;
    END IF;
    RETURN NEW;
END $$;
"""

IDEMPOTENCY_SQL = """
CREATE TABLE {schema}.idempotency (
    key         text        PRIMARY KEY,
    fingerprint text        NOT NULL,
    status      int         NOT NULL,
    body        bytea       NOT NULL,
    created_at  timestamptz NOT NULL
);
"""
