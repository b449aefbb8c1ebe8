"""Use cases of Shopping Baskets: `BasketsService` (REST) and `BasketsCacheHandlers` (NATS)."""
