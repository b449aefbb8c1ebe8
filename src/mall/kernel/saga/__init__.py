"""Orchestrated sagas: a definition of steps, the pure state machine that runs it, the
ports it needs (a store, a command sender) and the coordinator that joins them."""
