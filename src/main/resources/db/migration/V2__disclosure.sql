-- Filed shareholding disclosures (举牌公告): later disclosure steps are measured from the last filed ratio.
CREATE TABLE disclosure (
    id         BIGSERIAL PRIMARY KEY,
    code       TEXT NOT NULL,
    ratio      NUMERIC(12, 8) NOT NULL CHECK (ratio >= 0 AND ratio <= 1),
    filed_on   DATE NOT NULL,
    filed_by   TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX disclosure_code ON disclosure (code, filed_on DESC, id DESC);
