"""HTTP adapters: generated Litestar routes, error mapping, docs pages, health and metrics."""
