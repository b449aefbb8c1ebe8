"""Messaging adapters: envelope, outbox sink and relay, inbox-backed consumer, requester."""
