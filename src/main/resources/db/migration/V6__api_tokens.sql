-- Long-lived API tokens for feed producers (issue 5 item 1). Only the SHA-256 of a token is kept: the token itself
-- is shown once when it is issued. A revoked token keeps its row (revoked_at) so the list shows what existed.
CREATE TABLE api_token (
    id          BIGSERIAL PRIMARY KEY,
    username    TEXT NOT NULL REFERENCES app_user (username),
    token_hash  TEXT NOT NULL UNIQUE,
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX api_token_user ON api_token (username);
