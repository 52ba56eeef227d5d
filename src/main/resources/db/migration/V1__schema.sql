-- Mandate Watch schema, version 1. Money and ratios are NUMERIC: exact decimals, never floating point.

CREATE TABLE app_setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE app_user (
    username      TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    email         TEXT,
    password_hash TEXT NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE client (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    nature     TEXT NOT NULL,
    manager    TEXT REFERENCES app_user (username),
    stage      TEXT NOT NULL DEFAULT 'SIGNED',
    status     TEXT NOT NULL DEFAULT 'DRAFT',
    version    INT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE contract (
    code             TEXT PRIMARY KEY,
    client_code      TEXT NOT NULL REFERENCES client (code),
    account          TEXT NOT NULL,
    amount           NUMERIC(20, 2) NOT NULL,
    start_date       DATE NOT NULL,
    maturity_date    DATE NOT NULL,
    type             TEXT NOT NULL,
    status           TEXT NOT NULL,
    target_return    NUMERIC(12, 6),
    return_band      JSONB NOT NULL DEFAULT '{}',
    limits           JSONB NOT NULL DEFAULT '{}',
    excluded         JSONB NOT NULL DEFAULT '{}',
    expected_renewal NUMERIC(20, 2),
    trading_manager  TEXT,
    record_status    TEXT NOT NULL DEFAULT 'DRAFT',
    version          INT NOT NULL DEFAULT 1,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (maturity_date >= start_date)
);
CREATE INDEX contract_account ON contract (account);

CREATE TABLE security (
    code         TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    issuer       TEXT NOT NULL DEFAULT '',
    total_shares BIGINT NOT NULL DEFAULT 0,
    flags        TEXT[] NOT NULL DEFAULT '{}',
    ts           TIMESTAMPTZ
);

-- Live state, written behind the engine so that a restart rebuilds it.
CREATE TABLE price (
    code  TEXT PRIMARY KEY,
    price NUMERIC(24, 8) NOT NULL,
    ts    TIMESTAMPTZ NOT NULL
);

CREATE TABLE position (
    account  TEXT NOT NULL,
    code     TEXT NOT NULL,
    quantity NUMERIC(24, 4) NOT NULL,
    ts       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account, code)
);

CREATE TABLE account_return (
    account           TEXT PRIMARY KEY,
    cumulative_return NUMERIC(16, 8) NOT NULL,
    ts                TIMESTAMPTZ NOT NULL
);

-- Idempotency keys of feed messages already applied (SPEC §3: a repeated id is ignored).
CREATE TABLE feed_seen (
    id      TEXT PRIMARY KEY,
    seen_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE feed_rejected (
    id          BIGSERIAL PRIMARY KEY,
    source      TEXT NOT NULL,
    line        INT,
    reason      TEXT NOT NULL,
    payload     TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE alert (
    id              BIGSERIAL PRIMARY KEY,
    fingerprint     TEXT NOT NULL,
    rule            TEXT NOT NULL,
    severity        TEXT NOT NULL,
    state           TEXT NOT NULL,
    account         TEXT NOT NULL,
    client_code     TEXT,
    subject         TEXT NOT NULL,
    value           NUMERIC(30, 10),
    "limit"         NUMERIC(30, 10),
    cause           TEXT NOT NULL,
    cure_by         DATE,
    message         TEXT NOT NULL,
    message_en      TEXT,
    evidence        JSONB NOT NULL DEFAULT '{}',
    opened_at       TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    resolved_at     TIMESTAMPTZ,
    acknowledged_by TEXT,
    comment         TEXT
);
-- SPEC §5: at most one open alert per fingerprint, enforced here and not only in memory.
CREATE UNIQUE INDEX alert_one_open_per_fingerprint ON alert (fingerprint) WHERE state IN ('FIRING', 'ACKNOWLEDGED');
CREATE INDEX alert_account ON alert (account);

-- Every transition, in order; seq numbers the WebSocket events and lets a client replay (?since=).
CREATE TABLE alert_event (
    seq      BIGSERIAL PRIMARY KEY,
    alert_id BIGINT NOT NULL REFERENCES alert (id),
    kind     TEXT NOT NULL,
    at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    payload  JSONB NOT NULL
);

-- Persistent e-mail outbox: one row per (alert event, recipient), claimed by one sender at a time.
CREATE TABLE outbox (
    id              BIGSERIAL PRIMARY KEY,
    event_seq       BIGINT NOT NULL REFERENCES alert_event (seq),
    recipient       TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'PENDING',
    attempts        INT NOT NULL DEFAULT 0,
    due_at          TIMESTAMPTZ NOT NULL,
    claimed_at      TIMESTAMPTZ,
    sent_at         TIMESTAMPTZ,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (event_seq, recipient)
);
CREATE INDEX outbox_due ON outbox (status, due_at);
