"""The one error of starting up: its message is a single line meant for the user."""

from __future__ import annotations


class StartError(RuntimeError):
    """IntelliMall cannot start: a server, the HTTP port or the data directory is unavailable."""
