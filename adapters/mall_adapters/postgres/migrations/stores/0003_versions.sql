-- Read-model rows remember the aggregate version they show (answered by GetStore/GetProduct).
ALTER TABLE stores.stores ADD COLUMN version int NOT NULL DEFAULT 0;
ALTER TABLE stores.products ADD COLUMN version int NOT NULL DEFAULT 0;
