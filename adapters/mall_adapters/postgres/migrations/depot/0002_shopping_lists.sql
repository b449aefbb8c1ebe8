-- Local caches of stores (with location) and products, filled from the stores events (and
-- look-up fallbacks); each entry remembers the stores version it shows.
CREATE TABLE depot.stores_cache (
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    location   text        NOT NULL,
    version    int         NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER stores_cache_touch BEFORE UPDATE ON depot.stores_cache
    FOR EACH ROW EXECUTE FUNCTION depot.touch_updated_at();

CREATE TABLE depot.products_cache (
    id         text        PRIMARY KEY,
    store_id   text        NOT NULL,
    name       text        NOT NULL,
    version    int         NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER products_cache_touch BEFORE UPDATE ON depot.products_cache
    FOR EACH ROW EXECUTE FUNCTION depot.touch_updated_at();

-- Shopping lists are state-stored; `version` gives optimistic concurrency on updates.
CREATE TABLE depot.shopping_lists (
    id              text        PRIMARY KEY,
    order_id        text        NOT NULL,
    stops           jsonb       NOT NULL,
    assigned_bot_id text        NOT NULL DEFAULT '',
    status          text        NOT NULL CHECK (status IN
                        ('pending', 'available', 'assigned', 'active', 'completed', 'canceled')),
    version         int         NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shopping_lists_order_idx ON depot.shopping_lists (order_id, created_at);
-- An order has at most one live (not canceled) list.
CREATE UNIQUE INDEX shopping_lists_live_order_idx ON depot.shopping_lists (order_id)
    WHERE status <> 'canceled';
CREATE INDEX shopping_lists_available_idx ON depot.shopping_lists (created_at)
    WHERE status = 'available';
CREATE TRIGGER shopping_lists_touch BEFORE UPDATE ON depot.shopping_lists
    FOR EACH ROW EXECUTE FUNCTION depot.touch_updated_at();
