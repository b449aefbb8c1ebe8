-- The customers notifications knows, from the customers events (and look-up fallbacks).
CREATE TABLE notifications.customers_cache (
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    sms_number text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER customers_cache_touch BEFORE UPDATE ON notifications.customers_cache
    FOR EACH ROW EXECUTE FUNCTION notifications.touch_updated_at();

-- Every notification, one per order and kind, and its delivery: the module's SMS outbox.
-- A pending row is due at `due_at`; a claim counts an attempt and pushes `due_at` to the end
-- of its lease, a failed attempt to the next retry.
CREATE TABLE notifications.sent (
    id          text        PRIMARY KEY,
    order_id    text        NOT NULL,
    customer_id text        NOT NULL,
    sms_number  text        NOT NULL,
    kind        text        NOT NULL
        CHECK (kind IN ('order_created', 'order_ready', 'order_canceled', 'order_completed')),
    text        text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts    int         NOT NULL DEFAULT 0,
    error       text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    due_at      timestamptz NOT NULL,
    sent_at     timestamptz,
    position    bigserial   NOT NULL,
    UNIQUE (order_id, kind)
);
CREATE INDEX sent_due_idx ON notifications.sent (due_at) WHERE status = 'pending';
CREATE INDEX sent_customer_idx ON notifications.sent (customer_id, created_at DESC, position DESC);
