-- Cache entries remember the customers version they show; older events and fallbacks lose.
ALTER TABLE search.customers_cache ADD COLUMN version int NOT NULL DEFAULT 0;
-- Updates stamp updated_at, as on the other caches.
CREATE TRIGGER customers_cache_touch BEFORE UPDATE ON search.customers_cache
    FOR EACH ROW EXECUTE FUNCTION search.touch_updated_at();
