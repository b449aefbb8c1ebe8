-- Cache entries remember the customers version they show; older events and fallbacks lose.
ALTER TABLE notifications.customers_cache ADD COLUMN version int NOT NULL DEFAULT 0;
