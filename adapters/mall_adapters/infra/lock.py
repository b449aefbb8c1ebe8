"""One running IntelliMall per data directory.

`fcntl.flock` on `<data-dir>/intellimall.lock`: the kernel releases it when the owner ends,
however it ends (kill -9 included), so a lock is never stale. The file holds the owner's pid
and URL, for the error a second instance prints.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mall_adapters.infra.errors import StartError


class DataDirLock:
    def __init__(self, fd: int) -> None:
        self._fd = fd

    def record(self, url: str | None) -> None:
        """Write who holds the lock: this process, listening at `url`."""
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, json.dumps({"pid": os.getpid(), "url": url}).encode(), 0)


@contextmanager
def owning(data_dir: Path) -> Iterator[DataDirLock]:
    """Hold the data directory's lock for the block. Raises `StartError` naming the running
    owner (pid, URL) when another process holds it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "intellimall.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StartError(
                f"{data_dir} is in use by a running IntelliMall ({_owner(fd)}); "
                "stop it first or use another data directory"
            ) from None
        lock = DataDirLock(fd)
        lock.record(None)
        yield lock
    finally:
        os.close(fd)


def _owner(fd: int) -> str:
    try:
        found = json.loads(os.pread(fd, 4096, 0))
    except ValueError:  # the owner has not written it yet
        return "starting"
    url = found.get("url")
    return f"pid {found.get('pid')}, {url}" if url else f"pid {found.get('pid')}, starting"
