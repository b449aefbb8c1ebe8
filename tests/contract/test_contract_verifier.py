"""`run_verifier`: a port lost to another process between building and running a verifier is
run again on a new verifier; a failed verification and any other error are not."""

from __future__ import annotations

import errno

import pytest

from tests.support.contract_verifier import ATTEMPTS, run_verifier


class Scripted:
    """A verifier that raises the next error of a shared script when run (None: it holds)."""

    def __init__(self, script: list[BaseException | None], built: list[Scripted]) -> None:
        self._script = script
        built.append(self)

    def verify(self) -> None:
        error = self._script.pop(0)
        if error is not None:
            raise error


def in_use() -> OSError:
    return OSError(errno.EADDRINUSE, "Address already in use")


def test_a_port_taken_meanwhile_runs_a_new_verifier() -> None:
    built: list[Scripted] = []
    script: list[BaseException | None] = [in_use(), in_use(), None]
    verifier, held = run_verifier(lambda: Scripted(script, built))
    assert held
    assert len(built) == 3
    assert verifier is built[-1]


def test_a_failed_verification_is_reported_at_once() -> None:
    built: list[Scripted] = []
    script: list[BaseException | None] = [RuntimeError("mismatch"), None]
    verifier, held = run_verifier(lambda: Scripted(script, built))
    assert not held
    assert built == [verifier]


def test_another_os_error_or_too_many_lost_ports_propagate() -> None:
    refused: list[BaseException | None] = [OSError(errno.EACCES, "Permission denied")]
    with pytest.raises(OSError, match="Permission denied"):
        run_verifier(lambda: Scripted(refused, []))
    always: list[BaseException | None] = [in_use() for _ in range(ATTEMPTS)]
    built: list[Scripted] = []
    with pytest.raises(OSError, match="Address already in use"):
        run_verifier(lambda: Scripted(always, built))
    assert len(built) == ATTEMPTS
