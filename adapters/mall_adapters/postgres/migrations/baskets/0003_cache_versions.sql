-- Cache entries remember the stores version they show; older events and fallbacks lose.
ALTER TABLE baskets.stores_cache ADD COLUMN version int NOT NULL DEFAULT 0;
ALTER TABLE baskets.products_cache ADD COLUMN version int NOT NULL DEFAULT 0;
