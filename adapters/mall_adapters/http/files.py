"""Files under a directory, served read-only: the spec files and Swagger UI's assets.

A path that names no file under the directory (missing, a directory, outside it, or not a
valid file name) is the same plain JSON 404 as an unknown route: nothing of the file system
shows through.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from litestar import route
from litestar.exceptions import NotFoundException
from litestar.handlers import HTTPRouteHandler
from litestar.params import FromPath
from litestar.response import File

MEDIA_TYPES = {".yaml": "application/yaml", ".yml": "application/yaml", ".json": "application/json"}
"""Where `mimetypes` has no or another answer (Python 3.11 knows no YAML)."""


def files_route(prefix: str, directory: Path) -> HTTPRouteHandler:
    """GET and HEAD `<prefix>/<path>`: the file `<directory>/<path>`."""
    root = directory.resolve()

    @route(f"{prefix}/{{file_path:path}}", http_method=["GET", "HEAD"], sync_to_thread=False)
    def serve_file(file_path: FromPath[Path]) -> File:
        target = find(root, file_path.as_posix().lstrip("/"))
        if target is None:
            raise NotFoundException()
        return File(
            target,
            filename=target.name,
            media_type=media_type(target),
            content_disposition_type="inline",
        )

    return serve_file


def find(root: Path, relative: str) -> Path | None:
    """The regular file `relative` names under `root`, or None."""
    try:
        target = (root / relative).resolve()
        return target if target.is_relative_to(root) and target.is_file() else None
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        return None


def media_type(path: Path) -> str:
    guessed = MEDIA_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0]
    return guessed or "application/octet-stream"
