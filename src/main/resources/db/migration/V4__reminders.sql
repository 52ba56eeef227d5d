-- Schedules continue from persisted state after a restart (SPEC §4, C19, C26): the business date of the last
-- mailed maturity announcement per alert, and when a passive breach was escalated to SALES_LEAD (once).
-- IF NOT EXISTS: a database may meet this script before or after another branch's V3 (versions come from names).
ALTER TABLE alert ADD COLUMN IF NOT EXISTS reminded_on DATE;
ALTER TABLE alert ADD COLUMN IF NOT EXISTS escalated_at TIMESTAMPTZ;
