"""Search's use cases: order queries, the policies of consumed messages, name look-ups."""
