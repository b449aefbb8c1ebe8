-- The mall (stores) and catalog (products) read models of Store Management.
CREATE TABLE stores.stores (
    id            text        PRIMARY KEY,
    name          text        NOT NULL,
    location      text        NOT NULL,
    participating boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stores_participating_idx ON stores.stores (participating) WHERE participating;
CREATE TRIGGER stores_touch BEFORE UPDATE ON stores.stores
    FOR EACH ROW EXECUTE FUNCTION stores.touch_updated_at();

CREATE TABLE stores.products (
    id          text          PRIMARY KEY,
    store_id    text          NOT NULL,
    name        text          NOT NULL,
    description text          NOT NULL,
    sku         text          NOT NULL,
    price       numeric(12,4) NOT NULL,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    updated_at  timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX products_store_id_idx ON stores.products (store_id);
CREATE TRIGGER products_touch BEFORE UPDATE ON stores.products
    FOR EACH ROW EXECUTE FUNCTION stores.touch_updated_at();
