-- Silences (SPEC §5): a silenced alert is recorded and shown but not e-mailed. A silence ends at until_at
-- or when expired_at is set (DELETE); both live here, so no restart or second instance can revive one.
CREATE TABLE silence (
    id          BIGSERIAL PRIMARY KEY,
    rule        TEXT,
    account     TEXT,
    subject     TEXT,
    until_at    TIMESTAMPTZ NOT NULL,
    reason      TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expired_at  TIMESTAMPTZ,
    expired_by  TEXT,
    -- set once, by whichever sender first saw the silence end: the re-announcement of alerts still open
    -- happens exactly once (Alertmanager #2896)
    released_at TIMESTAMPTZ,
    CHECK (rule IS NOT NULL OR account IS NOT NULL OR subject IS NOT NULL)
);
CREATE INDEX silence_unreleased ON silence (until_at) WHERE released_at IS NULL;

-- Flapping control (C20): when the last e-mail about a fingerprint went to a recipient.
CREATE TABLE notify_last_sent (
    fingerprint TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    sent_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (fingerprint, recipient)
);

-- A row put back after a silence ended says so in its mail.
ALTER TABLE outbox ADD COLUMN reannounced BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX outbox_status_id ON outbox (status, id);
CREATE INDEX alert_event_alert ON alert_event (alert_id);
