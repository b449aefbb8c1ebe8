"""Where a provider verification takes its pact from: the one place every verification adds
its source (`add_pact_source`).

By default it is the committed file `pacts/<consumer>-<provider>.json`. With
`INTELLIMALL_PACT_SOURCE=broker` and `PACT_BROKER_BASE_URL` set (the broker's credentials, if
any, in `PACT_BROKER_USERNAME`/`PASSWORD` or `PACT_BROKER_TOKEN`), the same verification asks
the broker for the pacts of that consumer and provider that matter: the consumer's main
branch, its versions deployed or released, the branch matching the provider's, plus pending
and work-in-progress pacts. The results are published as the provider version
`INTELLIMALL_PACT_VERSION` (default: the commit) on `INTELLIMALL_PACT_BRANCH` (default: the
checked-out branch), so `can-i-deploy` can rely on them. See docs/contracts.md.

A verification of a deliberately broken provider (a test that a drift is caught) passes
`committed=True`: it always reads the committed file and never publishes a failure.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pact import Verifier

from tests.support.contract_pacts import PACTS_DIR

SOURCE_ENV = "INTELLIMALL_PACT_SOURCE"
BROKER_URL_ENV = "PACT_BROKER_BASE_URL"
VERSION_ENV = "INTELLIMALL_PACT_VERSION"
BRANCH_ENV = "INTELLIMALL_PACT_BRANCH"
WIP_SINCE_ENV = "INTELLIMALL_PACT_WIP_SINCE"
WIP_SINCE = "2026-01-01"
"""Pacts published since then that no selector picks are verified as work in progress."""

NO_BROKER = (
    f"{BROKER_URL_ENV} is not set: there is no Pact broker to verify against "
    "(docs/contracts.md says how CI runs one)"
)
ROOT = Path(__file__).resolve().parents[2]

V = TypeVar("V", bound=Verifier)


@dataclass(frozen=True)
class BrokerSource:
    """How verifications fetch pacts from the broker and publish their results."""

    url: str
    version: str
    branch: str
    wip_since: str = WIP_SINCE

    @classmethod
    def from_env(cls) -> BrokerSource | None:
        """The broker source the environment asks for; None for the committed files."""
        if os.environ.get(SOURCE_ENV, "files") != "broker":
            return None
        url = os.environ.get(BROKER_URL_ENV, "")
        if not url:
            raise RuntimeError(f"{SOURCE_ENV}=broker, but {NO_BROKER}")
        return cls(
            url=url,
            version=provider_version(),
            branch=provider_branch(),
            wip_since=os.environ.get(WIP_SINCE_ENV) or WIP_SINCE,
        )

    def add(self, verifier: V, consumer: str) -> V:
        """`verifier` takes the pacts `consumer` has with it from the broker and publishes
        its results there. Every selector names the consumer, and the consumer filter also
        holds back the work-in-progress pacts of the provider's other consumers (whose
        messages another verification produces)."""
        selectors = verifier.broker_source(self.url, selector=True)
        selectors.consumer_version(consumer=consumer, main_branch=True)
        selectors.consumer_version(consumer=consumer, deployed_or_released=True)
        selectors.consumer_version(consumer=consumer, matching_branch=True)
        selectors.provider_branch(self.branch).include_pending().include_wip_since(self.wip_since)
        selectors.build()
        verifier.filter_consumers(consumer)
        verifier.set_publish_options(version=self.version, branch=self.branch)
        return verifier


def add_pact_source(verifier: V, pact_file: str, *, committed: bool = False) -> V:
    """Add the pact `pacts/<pact_file>` to `verifier`: the committed file, or in broker mode
    the broker's pacts between the file's consumer and provider (see the module's doc)."""
    broker = None if committed else BrokerSource.from_env()
    path = PACTS_DIR / pact_file
    if broker is None:
        return verifier.add_source(path)
    return broker.add(verifier, pact_consumer(path))


def pact_consumer(path: Path) -> str:
    """The consumer a pact file is of, as the pact names it (names may hold dashes, so the
    file name does not tell)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    return str(document["consumer"]["name"])


def provider_version() -> str:
    """The version verification results are published under: the commit, unless named."""
    return os.environ.get(VERSION_ENV) or _git("rev-parse", "HEAD")


def provider_branch() -> str:
    """The branch verification results are published on: the checked-out one, unless named."""
    return os.environ.get(BRANCH_ENV) or _git("rev-parse", "--abbrev-ref", "HEAD")


def _git(*args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=30
    )
    return done.stdout.strip()
