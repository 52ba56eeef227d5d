-- An alert's value and limit are kept exactly as the engine computed them (SPEC §2: exact decimals; a displayed value
-- never contradicts the verdict). NUMERIC(30, 10) cut a weight such as 0.10000000000004 to 0.1000000000, so the list
-- from the database and the live WebSocket event spoke of different numbers, and a value read back after a restart
-- could land on the limit it breaks.
ALTER TABLE alert ALTER COLUMN value TYPE NUMERIC, ALTER COLUMN "limit" TYPE NUMERIC;
