"""Broker mode of the provider verifications (`tests/support/contract_source.py`).

Against a tiny HAL broker on loopback, the real stores verification (`STORES.verify`) asks
for the pacts of one consumer with the consumer version selectors, pending and WIP pacts,
verifies what the broker serves and publishes its result under the provider version and
branch; a pact the provider breaks fails the test unless the broker calls it pending, and
is published as failed either way. Without broker mode, or for a provider broken on
purpose, the broker is never asked.

The last test checks a real broker (CI publishes the committed pacts there first) and skips
when `PACT_BROKER_BASE_URL` is not set.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import httpx
import pytest

from tests.contract.test_stores_provides_messages import STORES
from tests.support.contract_pacts import PACTS_DIR
from tests.support.contract_source import (
    BRANCH_ENV,
    BROKER_URL_ENV,
    NO_BROKER,
    SOURCE_ENV,
    VERSION_ENV,
    WIP_SINCE,
    provider_branch,
    provider_version,
)
from tests.support.fake_pact_broker import BrokerPact, FakeBroker, fake_broker

Document = dict[str, Any]
VERSION, BRANCH = "0123abc", "feature-x"


def committed(pact_file: str) -> Document:
    document: Document = json.loads((PACTS_DIR / pact_file).read_text(encoding="utf-8"))
    return document


def renamed_store_created(pact_file: str) -> Document:
    """The pact, with its StoreCreated message expected under another name."""
    document = copy.deepcopy(committed(pact_file))
    for interaction in document["interactions"]:
        if interaction["description"] == "a StoreCreated message":
            interaction["metadata"]["name"] = "storesapi.StoreRenamed"
    return document


@pytest.fixture
def broker(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBroker]:
    """Broker mode against a fake broker serving the pacts the test adds to its `pacts`."""
    with fake_broker([]) as broker:
        monkeypatch.setenv(SOURCE_ENV, "broker")
        monkeypatch.setenv(BROKER_URL_ENV, broker.url)
        monkeypatch.setenv(VERSION_ENV, VERSION)
        monkeypatch.setenv(BRANCH_ENV, BRANCH)
        yield broker


def test_a_verification_asks_the_broker_for_the_consumers_pacts_that_matter(
    broker: FakeBroker,
) -> None:
    broker.pacts.append(BrokerPact(committed("baskets-stores.json")))
    STORES.verify("baskets-stores.json")
    [asked] = broker.received("POST", "/pacts/provider/stores/for-verification")
    assert asked["consumerVersionSelectors"] == [
        {"consumer": "baskets", "mainBranch": True},
        {"consumer": "baskets", "deployedOrReleased": True},
        {"consumer": "baskets", "matchingBranch": True},
    ]
    assert asked["providerVersionBranch"] == BRANCH
    assert asked["includePendingStatus"] is True
    assert asked["includeWipPactsSince"] == WIP_SINCE


def test_a_verification_publishes_its_result_under_the_version_and_branch(
    broker: FakeBroker,
) -> None:
    broker.pacts.append(BrokerPact(committed("baskets-stores.json")))
    STORES.verify("baskets-stores.json")
    [result] = broker.results()
    assert result["success"] is True
    assert result["providerApplicationVersion"] == VERSION
    assert broker.received("PUT", f"/pacticipants/stores/branches/{BRANCH}/versions/{VERSION}")


def test_the_pacts_of_the_providers_other_consumers_are_left_to_their_verification(
    broker: FakeBroker,
) -> None:
    """A WIP pact of another consumer (here one stores would break) comes with the
    provider's pacts; this consumer's verification neither verifies nor publishes it."""
    broker.pacts.append(BrokerPact(committed("baskets-stores.json")))
    broker.pacts.append(BrokerPact(renamed_store_created("depot-stores.json"), pending=True))
    STORES.verify("baskets-stores.json")
    published = [r.path for r in broker.requests if r.path.endswith("/verification-results")]
    assert published == ["/pacts/provider/stores/consumer/baskets/verification-results"]


def test_a_pact_the_provider_breaks_fails_and_is_published_as_failed(
    broker: FakeBroker,
) -> None:
    broker.pacts.append(BrokerPact(renamed_store_created("baskets-stores.json")))
    with pytest.raises(pytest.fail.Exception) as failed:
        STORES.verify("baskets-stores.json")
    assert "to be equal to 'storesapi.StoreRenamed'" in str(failed.value)
    [result] = broker.results()
    assert result["success"] is False


def test_a_pending_pact_the_provider_breaks_is_published_as_failed_without_failing(
    broker: FakeBroker,
) -> None:
    broker.pacts.append(BrokerPact(renamed_store_created("baskets-stores.json"), pending=True))
    STORES.verify("baskets-stores.json")
    [result] = broker.results()
    assert result["success"] is False


def test_a_provider_broken_on_purpose_is_checked_against_the_committed_pact_only(
    broker: FakeBroker,
) -> None:
    rebranded = STORES.events["a StoreRebranded message"]
    drifted = replace(STORES, events={**STORES.events, "a StoreCreated message": rebranded})
    with pytest.raises(pytest.fail.Exception):
        drifted.verify("baskets-stores.json", committed=True)
    assert broker.requests == []


def test_a_broker_url_alone_leaves_the_verification_on_the_committed_pact(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with fake_broker([BrokerPact(committed("baskets-stores.json"))]) as broker:
        monkeypatch.delenv(SOURCE_ENV, raising=False)
        monkeypatch.setenv(BROKER_URL_ENV, broker.url)
        STORES.verify("baskets-stores.json")
    assert broker.requests == []


def test_broker_mode_without_a_broker_url_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SOURCE_ENV, "broker")
    monkeypatch.delenv(BROKER_URL_ENV, raising=False)
    with pytest.raises(RuntimeError, match=re.escape(NO_BROKER)):
        STORES.verify("baskets-stores.json")


@pytest.mark.skipif(not os.environ.get(BROKER_URL_ENV), reason=NO_BROKER)
def test_the_broker_holds_every_committed_pact_at_this_version() -> None:
    """After `make pacts-publish`: each committed pact is on the broker for this commit."""
    auth = httpx.BasicAuth(
        os.environ.get("PACT_BROKER_USERNAME", ""), os.environ.get("PACT_BROKER_PASSWORD", "")
    )
    token = os.environ.get("PACT_BROKER_TOKEN")
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    base, version = os.environ[BROKER_URL_ENV].rstrip("/"), provider_version()
    assert provider_branch()
    with httpx.Client(base_url=base, headers=headers, auth=None if token else auth) as client:
        for path in sorted(PACTS_DIR.glob("*.json")):
            pact = committed(path.name)
            consumer, provider = pact["consumer"]["name"], pact["provider"]["name"]
            answer = client.get(f"/pacts/provider/{provider}/consumer/{consumer}/version/{version}")
            assert answer.status_code == 200, f"{path.name} is not on the broker at {version}"
            on_broker = {i["description"] for i in answer.json()["interactions"]}
            assert on_broker == {i["description"] for i in pact["interactions"]}, path.name
