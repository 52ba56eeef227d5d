-- Several instances on one database (issue 7). Which instances are alive and where they answer, and which
-- instance owns each partition of the account topics: every account hashes to one partition, so this table
-- says which instance evaluates which account. An owner's writes check their row (FOR SHARE) and a new owner
-- takes the row over (UPDATE), so a former owner whose write was in flight cannot land it after the hand-over.
CREATE TABLE cluster_member (
    instance_id TEXT PRIMARY KEY,
    url         TEXT NOT NULL,
    seen_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE account_partition (
    partition   INT PRIMARY KEY,
    instance_id TEXT NOT NULL,
    since       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- firm-wide totals per security across all instances' accounts (SPEC §4 disclosure)
CREATE INDEX position_code ON position (code) WHERE quantity <> 0;
