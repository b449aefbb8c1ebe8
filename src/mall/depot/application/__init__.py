"""Use cases of Depot: command and query handlers (REST), and the handlers of the saga's
commands and of the consumed stores and ordering events."""
