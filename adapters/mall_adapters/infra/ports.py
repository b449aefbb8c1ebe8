"""Free TCP ports on 127.0.0.1 for servers this process starts (embedded NATS, test and bench
servers).

A port found free is bound by the server only a moment later, and meanwhile anything else on
the machine may take it. Ports the kernel hands out (a bind to port 0, and every outgoing
connection's local port) come from its ephemeral range, which busy machines and parallel
test runs churn through; so a port is picked at random below that range when there is room,
where only another program that picks its ports the same way could meet it.
"""

from __future__ import annotations

import random
import socket
from pathlib import Path

EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")
LOWEST = 10_000  # below: the well-known and commonly configured ports
TRIES = 50


def ephemeral_range() -> tuple[int, int]:
    """The kernel's range for ports it hands out (Linux's default where it cannot be read)."""
    try:
        low, high = EPHEMERAL_RANGE.read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32768, 60999


def free_port() -> int:
    """A port free on 127.0.0.1 now, outside the ephemeral range when there is room."""
    low, _ = ephemeral_range()
    below = range(LOWEST, low)
    for port in random.sample(below, min(TRIES, len(below))):
        if _bindable(port):
            return port
    with socket.socket() as sock:  # no room below the range: any port the kernel gives
        sock.bind(("127.0.0.1", 0))
        given: int = sock.getsockname()[1]
        return given


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True
