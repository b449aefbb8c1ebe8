"""Pact helpers shared by the contract tests: where pact files live, which test modules verify
providers, how consumer tests write pact files (`pact_recorder`), and running coroutines from
the synchronous callbacks pact-python makes."""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
from collections.abc import Awaitable, Collection, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pact import Pact

PACTS_DIR = Path(__file__).resolve().parents[2] / "pacts"
"""The committed pact files: consumer tests write them, provider verifications read them."""

T = TypeVar("T")


def is_provider_module(stem: str) -> bool:
    """Provider verifications are named `test_<provider>_provides_<what>` or
    `test_<provider>_..._provider`; every other contract test module is a consumer test."""
    return "_provides_" in stem or stem.endswith("_provider")


def run_sync(work: Awaitable[T]) -> T:
    """Run `work` on a private event loop. pact-python calls message and state handlers
    synchronously; this leaves the thread's current event loop (pytest-asyncio's) alone."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(work)
    finally:
        loop.close()


class PactRecorder:
    """Collects the interactions of one consumer test module, then publishes its pact file.

    Each test writes its own verified `Pact` into a scratch directory (pact-python merges
    them). `publish` copies the merged file to `pacts/` only when it holds exactly the
    `expected` interactions, so a partial run (`-k`, a failure) never replaces the committed
    contract with a smaller one. The published file lists interactions by description, so it
    does not depend on the order the tests ran in.
    """

    def __init__(
        self,
        consumer: str,
        provider: str,
        scratch: Path,
        expected: Collection[str],
        specification: str = "V4",
    ) -> None:
        self.consumer, self.provider = consumer, provider
        self.file_name = f"{consumer}-{provider}.json"
        self._scratch = scratch
        self._expected = set(expected)
        self._specification = specification

    def new_pact(self) -> Pact:
        """A fresh pact between the module's consumer and provider, for one test's
        interactions (it reaches the pact file only when `record`ed)."""
        return Pact(self.consumer, self.provider).with_specification(self._specification)

    def record(self, pact: Pact) -> None:
        pact.write_file(self._scratch)

    def publish(self) -> bool:
        """True when the pact file in `pacts/` was (re)written."""
        merged = self._scratch / self.file_name
        if not merged.exists():
            return False
        document = json.loads(merged.read_text(encoding="utf-8"))
        interactions: list[dict[str, Any]] = document["interactions"]
        if {i["description"] for i in interactions} != self._expected:
            return False
        interactions.sort(key=lambda i: str(i["description"]))
        write_atomically(PACTS_DIR / self.file_name, json.dumps(document, indent=2) + "\n")
        return True


def pact_recorder(
    consumer: str, provider: str, descriptions: Collection[str], specification: str = "V4"
) -> Any:
    """A consumer test module's `recorder` fixture (module-scoped): its tests `record` the
    pacts they verified; `pacts/<consumer>-<provider>.json` is published at the end when they
    recorded exactly `descriptions`. Use as `recorder = pact_recorder(...)` in the module."""

    @pytest.fixture(scope="module")
    def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
        scratch = tmp_path_factory.mktemp("pacts")
        recorder = PactRecorder(consumer, provider, scratch, descriptions, specification)
        yield recorder
        recorder.publish()

    return recorder


def write_atomically(path: Path, text: str) -> None:
    """Readers (a provider verification running at the same time) never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
