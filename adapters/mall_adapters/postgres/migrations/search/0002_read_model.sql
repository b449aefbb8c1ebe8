-- Local caches of customers, stores and products, filled from their events (and look-up
-- fallbacks); entries of stores and products keep the stores version they show.
CREATE TABLE search.customers_cache (
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE search.stores_cache (
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    version    int         NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER stores_cache_touch BEFORE UPDATE ON search.stores_cache
    FOR EACH ROW EXECUTE FUNCTION search.touch_updated_at();

-- A removed product keeps its row (and name): an order recorded later still names it.
CREATE TABLE search.products_cache (
    id         text        PRIMARY KEY,
    store_id   text        NOT NULL,
    name       text        NOT NULL,
    removed    boolean     NOT NULL DEFAULT false,
    version    int         NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER products_cache_touch BEFORE UPDATE ON search.products_cache
    FOR EACH ROW EXECUTE FUNCTION search.touch_updated_at();

-- The orders read model. A row whose created_at is NULL holds only the status of an order
-- whose OrderCreated has not been handled yet; it is invisible to reads until it is.
CREATE TABLE search.orders (
    order_id      text          PRIMARY KEY,
    customer_id   text          NOT NULL,
    customer_name text          NOT NULL DEFAULT '',
    items         jsonb         NOT NULL DEFAULT '[]',  -- [{productId, storeId, productName, storeName, price, quantity}]
    product_ids   text[]        NOT NULL DEFAULT '{}',  -- distinct
    store_ids     text[]        NOT NULL DEFAULT '{}',  -- distinct
    total         numeric(16,4) NOT NULL DEFAULT 0,
    status        text          NOT NULL,               -- as shown: New, Approved, ...
    progress      smallint      NOT NULL,               -- how far along the status is (1..4)
    created_at    timestamptz,                          -- when search recorded the order
    updated_at    timestamptz   NOT NULL DEFAULT now()
);

-- Searches read newest first, (created_at, order_id) descending, resuming after a cursor:
-- each filter that narrows most has an index in that order (scanned backwards).
CREATE INDEX orders_newest ON search.orders (created_at, order_id)
    WHERE created_at IS NOT NULL;
CREATE INDEX orders_by_customer ON search.orders (customer_id, created_at, order_id)
    WHERE created_at IS NOT NULL;
CREATE INDEX orders_by_status ON search.orders (status, created_at, order_id)
    WHERE created_at IS NOT NULL;
CREATE INDEX orders_by_total ON search.orders (total) WHERE created_at IS NOT NULL;
CREATE INDEX orders_by_store ON search.orders USING gin (store_ids)
    WHERE created_at IS NOT NULL;
CREATE INDEX orders_by_product ON search.orders USING gin (product_ids)
    WHERE created_at IS NOT NULL;
