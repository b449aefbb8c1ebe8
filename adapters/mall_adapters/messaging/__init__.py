"""Messaging adapters: the outbox sink and relay, inbox-backed consumers, the query requester
and responders, and the bindings generated from the AsyncAPI specs."""
