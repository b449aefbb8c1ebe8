"""The Order aggregate and its events."""
