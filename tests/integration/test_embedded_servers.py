"""`EmbeddedServer` supervision in-process, on real servers: a killed server is restarted on
the same address and its status says so; after `stop` nothing is restarted."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
from pathlib import Path

import asyncpg

from mall_adapters.infra.nats import EmbeddedNats
from mall_adapters.infra.postgres import SYSTEM_USER, EmbeddedPostgres
from mall_adapters.infra.supervisor import EmbeddedServer, ServerStatus, State
from tests.support.polling import eventually


async def status(server: EmbeddedServer) -> ServerStatus:
    return server.describe()


async def kill_and_see_it_restarted(server: EmbeddedServer) -> None:
    address = server.start()
    supervising = asyncio.create_task(server.supervise())
    try:
        killed = server.pid
        assert killed is not None
        os.kill(killed, signal.SIGKILL)

        back = await eventually(
            lambda: status(server), lambda s: s.state is State.RUNNING and s.pid != killed, 60
        )

        assert back.restarts == 1
        assert back.last_exit_code == -signal.SIGKILL
        assert server.healthy
        assert server.address == address
        server.stop()
        await asyncio.wait_for(supervising, 10)  # it ends by itself: no restart after stop
        assert server.describe().state is State.STOPPED
        assert not server.healthy
    finally:
        supervising.cancel()
        server.stop()


async def test_a_killed_nats_is_restarted_on_the_same_url(tmp_path: Path) -> None:
    await kill_and_see_it_restarted(EmbeddedNats(tmp_path / "nats"))


async def test_a_killed_postgres_is_restarted_on_the_same_socket(server_dir: Path) -> None:
    await kill_and_see_it_restarted(EmbeddedPostgres(server_dir / "pg", delete_on_stop=True))


def test_postgres_starts_though_its_lock_files_name_a_process_that_still_exists(
    server_dir: Path,
) -> None:
    """After a crash, postmaster.pid and the lock file of the socket can name a process that
    still exists: the killed server not reaped yet, or an unrelated one that got its number.
    Run by PostgreSQL's user, PostgreSQL would take it for a server and refuse to start; the
    locks are stale, and it starts."""
    first = EmbeddedPostgres(server_dir / "pg")
    socket_dir = Path(first.start().split("host=")[1])
    first.stop()
    user = SYSTEM_USER if os.geteuid() == 0 else None  # as `EmbeddedPostgres` runs it
    unrelated = subprocess.Popen(["sleep", "300"], user=user)
    again = EmbeddedPostgres(server_dir / "pg", delete_on_stop=True)
    try:
        for lock in (server_dir / "pg" / "postmaster.pid", socket_dir / ".s.PGSQL.5432.lock"):
            lock.write_text(f"{unrelated.pid}\n")

        again.start()

        assert again.healthy
        assert unrelated.poll() is None
    finally:
        again.stop()
        unrelated.kill()
        unrelated.wait()


async def test_postgres_commits_synchronously_unless_told_otherwise(server_dir: Path) -> None:
    for synchronous, shown in ((True, "on"), (False, "off")):
        server = EmbeddedPostgres(
            server_dir / f"pg-{shown}", delete_on_stop=True, synchronous_commit=synchronous
        )
        try:
            conn = await asyncpg.connect(server.start())
            try:
                assert await conn.fetchval("SHOW synchronous_commit") == shown
            finally:
                await conn.close()
        finally:
            server.stop()
