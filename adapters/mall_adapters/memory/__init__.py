"""In-memory implementations of every driven port: real code for unit tests, held honest by
the shared port suites in `tests/ports/`."""
