-- Payments and invoices are state-stored; `version` gives optimistic concurrency on updates.
CREATE TABLE payments.payments (
    id          text           PRIMARY KEY,
    customer_id text           NOT NULL,
    amount      numeric(16, 4) NOT NULL CHECK (amount > 0),
    version     int            NOT NULL,
    created_at  timestamptz    NOT NULL DEFAULT now(),
    updated_at  timestamptz    NOT NULL DEFAULT now()
);
CREATE TRIGGER payments_touch BEFORE UPDATE ON payments.payments
    FOR EACH ROW EXECUTE FUNCTION payments.touch_updated_at();

-- An invoice's id is the id of the order it bills.
CREATE TABLE payments.invoices (
    id         text           PRIMARY KEY,
    order_id   text           NOT NULL,
    payment_id text           NOT NULL,
    amount     numeric(16, 4) NOT NULL CHECK (amount >= 0),
    status     text           NOT NULL CHECK (status IN ('pending', 'paid', 'canceled')),
    version    int            NOT NULL,
    created_at timestamptz    NOT NULL DEFAULT now(),
    updated_at timestamptz    NOT NULL DEFAULT now()
);
CREATE INDEX invoices_order_id_idx ON payments.invoices (order_id);
CREATE TRIGGER invoices_touch BEFORE UPDATE ON payments.invoices
    FOR EACH ROW EXECUTE FUNCTION payments.touch_updated_at();
