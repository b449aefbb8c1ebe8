"""`intellimall busywork`: its arguments, and finding the IntelliMall to keep busy."""

from __future__ import annotations

import argparse
import asyncio
import random
from pathlib import Path
from typing import Any

MAX_CLIENTS = 25
DEFAULT_URL = "http://127.0.0.1:8080"


def client_count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 1 <= count <= MAX_CLIENTS:
        raise argparse.ArgumentTypeError(f"{count} clients: give 1 to {MAX_CLIENTS}")
    return count


def positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{value:g}: give more than 0")
    return value


def add_busywork_parser(commands: Any) -> None:
    busywork = commands.add_parser(
        "busywork", help="simulated shoppers and admins keeping a running IntelliMall busy"
    )
    busywork.add_argument("--clients", type=client_count, default=5, help="1 to 25 (default 5)")
    busywork.add_argument(
        "--url",
        default=None,
        help=f"the IntelliMall (default: the running `up`, else {DEFAULT_URL})",
    )
    busywork.add_argument("--data-dir", type=Path, default=None, help="of the running `up`")
    busywork.add_argument(
        "--duration", type=positive, default=None, help="seconds (default: until Ctrl-C)"
    )
    busywork.add_argument("--seed", type=int, default=None, help="replay the same choices")
    busywork.add_argument(
        "--speed", type=positive, default=1.0, help="divides every pause and interval (default 1)"
    )


def target_url(url: str | None, data_dir: Path | None) -> str:
    """`--url`, else the running `up`'s address from its runtime.json, else the default."""
    if url:
        return url.rstrip("/")
    from mall_adapters.bootstrap.operate import UnavailableError, base_url

    try:
        return base_url(None, data_dir)
    except UnavailableError:
        return DEFAULT_URL


def run_busywork(args: argparse.Namespace) -> int:
    from rich.console import Console

    from mall_adapters.busywork.run import Options, simulate
    from mall_adapters.busywork.summary import final

    url = target_url(args.url, args.data_dir)
    seed = random.randrange(2**31) if args.seed is None else args.seed
    options = Options(url, args.clients, args.duration, seed, args.speed)
    console = Console(highlight=False)
    console.print(
        f"busywork: {options.clients} clients against {url} (--seed {seed} replays the choices)",
        markup=False,
        soft_wrap=True,
    )
    tally = asyncio.run(simulate(options, console))
    console.print(final(tally, options.clients, url))
    if tally.ok == 0:
        console.print(f"busywork: no request succeeded; is IntelliMall running at {url}?")
        return 1
    return 0
