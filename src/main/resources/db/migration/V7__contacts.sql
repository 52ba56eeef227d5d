-- Contact records per client (SPEC §7): one first contact (time, place, participants and level, problems) and its
-- follow-ups (time, summary, next step). The time is kept as sent (with its offset) in body, and as contact_time
-- for ordering.
CREATE TABLE client_contact (
    id           BIGSERIAL PRIMARY KEY,
    client_code  TEXT NOT NULL REFERENCES client (code) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('FIRST', 'FOLLOW_UP')),
    contact_time TIMESTAMPTZ NOT NULL,
    body         JSONB NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- at most one first contact per client
CREATE UNIQUE INDEX client_contact_one_first ON client_contact (client_code) WHERE kind = 'FIRST';
CREATE INDEX client_contact_by_client ON client_contact (client_code, contact_time, id);
