-- Customers are state-stored; `version` gives optimistic concurrency on updates.
CREATE TABLE customers.customers (
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    sms_number text        NOT NULL,
    enabled    boolean     NOT NULL,
    version    int         NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_name_idx ON customers.customers (name);
CREATE TRIGGER customers_touch BEFORE UPDATE ON customers.customers
    FOR EACH ROW EXECUTE FUNCTION customers.touch_updated_at();
