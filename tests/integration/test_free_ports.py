"""`free_port`: a port free on 127.0.0.1, picked below the kernel's ephemeral range (where
outgoing connections and binds to port 0 never land) when there is room."""

from __future__ import annotations

import socket

from mall_adapters.infra.ports import LOWEST, ephemeral_range, free_port


def test_a_free_port_lies_below_the_ephemeral_range_and_can_be_bound() -> None:
    low, high = ephemeral_range()
    assert LOWEST <= low <= high
    ports = {free_port() for _ in range(20)}
    assert len(ports) > 1  # picked at random, not one fixed port
    for port in ports:
        assert LOWEST <= port < low
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))


def test_a_port_in_use_is_never_handed_out() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", free_port()))
        taken.listen()
        busy = taken.getsockname()[1]
        assert all(free_port() != busy for _ in range(200))
