"""The `intellimall bench` subcommands: their arguments, and running the one asked for."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

TARGET_HELP = "a running IntelliMall instead of a fresh `intellimall up`"
DATA_DIR_HELP = "the data directory of --url (its runtime.json names PostgreSQL and NATS)"


def add_bench_parser(commands: Any) -> None:
    bench = commands.add_parser("bench", help="measure and print figures")
    kinds = bench.add_subparsers(dest="bench", required=True)
    startup = kinds.add_parser("startup", help="time `up` until /liveness answers")
    startup.add_argument("--runs", type=int, default=5)
    startup.add_argument("--fresh", action="store_true", help="empty data directory each run")
    contention = kinds.add_parser(
        "contention", help="concurrent cache-miss adds and concurrent adds to one basket"
    )
    contention.add_argument("--misses", type=int, default=50)
    contention.add_argument("--clients", type=int, default=20)
    contention.add_argument("--adds", type=int, default=10)
    contention.add_argument("--pool-size", type=int, default=None, help="PostgreSQL pool size")

    for name, text in (
        ("checkout", "checkouts until every order is approved"),
        ("lifecycle", "checkouts through assign, complete and pay until completed"),
    ):
        orders = _measured(kinds, name, text)
        orders.add_argument("--orders", type=int, default=400)
        orders.add_argument("--concurrency", type=int, default=16)
        orders.add_argument("--rate", type=float, default=None, help="open loop: orders/s")
        orders.add_argument("--rounds", type=int, default=2)
    for name, text in (
        ("read", "REST single-row reads beside a bare Litestar + asyncpg handler"),
        ("write", "REST writes beside raw asyncpg transactions"),
    ):
        http = _measured(kinds, name, text)
        http.add_argument("--clients", type=int, default=16)
        http.add_argument("--seconds", type=float, default=5.0)
        http.add_argument("--rounds", type=int, default=3)
        http.add_argument("--python-client", action="store_true", help="not wrk, even if present")
    relay = _measured(kinds, "relay", "outbox relay beside raw nats-py JetStream publishing")
    relay.add_argument("--messages", type=int, default=2000)
    relay.add_argument("--rounds", type=int, default=3)
    relay.add_argument("--batch", type=int, default=100, help="pipelined raw publishes at once")


def _measured(kinds: Any, name: str, text: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = kinds.add_parser(name, help=text)
    parser.add_argument("--url", default=None, help=TARGET_HELP)
    parser.add_argument("--data-dir", type=Path, default=None, help=DATA_DIR_HELP)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    return parser


def run_bench(args: argparse.Namespace) -> int:
    if args.bench == "startup":
        from mall_adapters.bench.startup import bench_startup

        return bench_startup(args.runs, args.fresh)
    if args.bench == "contention":
        from mall_adapters.bench.contention import bench_contention

        return bench_contention(args.misses, args.clients, args.adds, args.pool_size)
    from mall_adapters.bench.procs import target

    with target(args.url, args.data_dir) as mall:
        report = _measure(args, mall)
    report.print(args.json)
    return 0


def _measure(args: argparse.Namespace, mall: Any) -> Any:
    if args.bench == "read":
        from mall_adapters.bench.read import bench_read

        return bench_read(mall, args.clients, args.seconds, args.rounds, args.python_client)
    if args.bench == "write":
        from mall_adapters.bench.write import bench_write

        return bench_write(mall, args.clients, args.seconds, args.rounds, args.python_client)
    if args.bench == "relay":
        from mall_adapters.bench.relay import bench_relay

        return bench_relay(mall, args.messages, args.rounds, args.batch)
    from mall_adapters.bench.orders import bench_orders

    return bench_orders(mall, args.bench, args.orders, args.concurrency, args.rate, args.rounds)
