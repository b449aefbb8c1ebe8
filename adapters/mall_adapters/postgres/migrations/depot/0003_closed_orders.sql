-- Orders ordering rejected or canceled: depot creates and initiates no list for them. The
-- first closing stands (a later one is ignored); creating and closing an order serialise on
-- a transaction-scoped advisory lock of the order (`PostgresClosedOrders`).
CREATE TABLE depot.closed_orders (
    order_id  text        PRIMARY KEY,
    reason    text        NOT NULL CHECK (reason IN ('rejected', 'canceled')),
    closed_at timestamptz NOT NULL
);
