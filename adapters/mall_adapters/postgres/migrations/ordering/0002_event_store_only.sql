-- Orders live in the kernel's tables (events, snapshots, outbox, inbox, dead letters,
-- idempotency); ordering has no table of its own. This file keeps the module's migration
-- folder (and so its schema's place in the migration plan) in every installed copy.
SELECT 1;
