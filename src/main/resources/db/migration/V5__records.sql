-- Records workflow (SPEC §7, issue 5 item 3): a change to a sealed client or contract waits here until a supervisor
-- other than the requester decides it. base_version is the record's version when the change was asked for, so that
-- approving a change made against an older version cannot silently undo a change approved in between (C38).
CREATE TABLE pending_change (
    id           BIGSERIAL PRIMARY KEY,
    entity       TEXT NOT NULL CHECK (entity IN ('client', 'contract')),
    code         TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    base_version INT NOT NULL,
    before       JSONB NOT NULL,
    after        JSONB NOT NULL,
    status       TEXT NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    decided_by   TEXT,
    decided_at   TIMESTAMPTZ,
    reason       TEXT
);
CREATE INDEX pending_change_status ON pending_change (status, id DESC);

-- Who changed what, when, with the record before and after; written in the same transaction as the change, so a
-- change without its audit row (or the reverse) cannot be committed. detail holds a rejection reason or change id.
CREATE TABLE audit (
    id     BIGSERIAL PRIMARY KEY,
    at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor  TEXT NOT NULL,
    entity TEXT NOT NULL,
    code   TEXT NOT NULL,
    action TEXT NOT NULL,
    before JSONB,
    after  JSONB,
    detail TEXT
);
CREATE INDEX audit_entity_code ON audit (entity, code, id DESC);
