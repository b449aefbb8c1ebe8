-- Local caches of stores and products, filled from the stores events (and look-up fallbacks).
CREATE TABLE baskets.stores_cache (
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER stores_cache_touch BEFORE UPDATE ON baskets.stores_cache
    FOR EACH ROW EXECUTE FUNCTION baskets.touch_updated_at();

CREATE TABLE baskets.products_cache (
    id         text          PRIMARY KEY,
    store_id   text          NOT NULL,
    name       text          NOT NULL,
    price      numeric(12,4) NOT NULL,
    created_at timestamptz   NOT NULL DEFAULT now(),
    updated_at timestamptz   NOT NULL DEFAULT now()
);
CREATE TRIGGER products_cache_touch BEFORE UPDATE ON baskets.products_cache
    FOR EACH ROW EXECUTE FUNCTION baskets.touch_updated_at();
