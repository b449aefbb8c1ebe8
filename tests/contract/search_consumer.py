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

from pact import Pact

from mall.search.application.lookup import NameLookup
from mall_adapters.memory.unit_of_work import InMemoryUnitOfWork
from mall_adapters.messaging.binding import Requester
from mall_adapters.messaging.generated.search import NatsSearchRequests, build_search_router
from tests.support.contract_consumer import RecordingConsumer
from tests.support.contract_lookups import ask_each
from tests.support.cores import SearchCore, build_search_core


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

        def names(requester: Requester) -> Awaitable[object]:
            core = self.core
            caches = (core.customer_cache, core.store_cache, core.product_cache)
            return ask(NameLookup(InMemoryUnitOfWork(), *caches, NatsSearchRequests(requester)))

        return list(ask_each(pact, names))
