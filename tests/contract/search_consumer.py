"""The search side of its message contracts, for the consumer Pact tests.

Events: each interaction's example message goes the way a JetStream delivery goes: the routes
the generated binding builds (`build_search_router`), picked by subject and name, decode the
body into the contract Struct and call the real `SearchPolicies` over in-memory adapters.

Look-ups (synchronous interactions): the real `NameLookup` asks through the generated
`NatsSearchRequests`, whose requester here is the interaction itself: it checks the subject,
name and body search sends against the request, and answers with the response, decoded by
its message name as the NATS requester would.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from pact import Pact

from mall.search.application.lookup import NameLookup
from mall_adapters.memory.unit_of_work import InMemoryUnitOfWork
from mall_adapters.messaging.generated.search import NatsSearchRequests, build_search_router
from tests.support.contract_consumer import RecordingConsumer
from tests.support.contract_lookups import interaction_requesters
from tests.support.contract_pacts import run_sync
from tests.support.cores import SearchCore, build_search_core


def expect(pact: Pact, description: str, subject: str, name: str, body: dict[str, Any]) -> Pact:
    """An asynchronous message: `body` on `subject`, named `name`."""
    (
        pact.upon_receiving(description, "Async")
        .with_body(body, content_type="application/json")
        .with_metadata({"subject": subject, "name": name, "contentType": "application/json"})
    )
    return pact


class SearchConsumer:
    def __init__(self) -> None:
        self.core: SearchCore = build_search_core()
        consumer = RecordingConsumer()
        build_search_router(self.core.handlers, consumer)
        self.consumer = consumer

    def receive(self, body: str | bytes | None, metadata: dict[str, object]) -> None:
        """One delivery: the route for the message's subject and name runs on the body."""
        self.consumer.deliver(body, metadata)

    def look_up(self, pact: Pact, ask: Callable[[NameLookup], Awaitable[object]]) -> list[object]:
        """Run `ask` once per synchronous interaction of `pact`, answered by it; the results."""
        results = []
        for requester in interaction_requesters(pact):
            requests = NatsSearchRequests(requester)
            names = NameLookup(
                InMemoryUnitOfWork(),
                self.core.customer_cache,
                self.core.store_cache,
                self.core.product_cache,
                requests,
            )
            results.append(run_sync(ask(names)))
        return results
