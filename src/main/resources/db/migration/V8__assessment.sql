-- Monthly assessments of client managers (绩效考核, SPEC §7, issue 5 item 8): one record per manager and month, with
-- the supervisor's inputs, the quantitative breakdown computed from the database when it was recorded, and the
-- standards of conf/assessment.yaml it was computed with. Scores are unconstrained NUMERIC: exact, never rounded.
CREATE TABLE assessment (
    id                BIGSERIAL PRIMARY KEY,
    manager           TEXT NOT NULL REFERENCES app_user (username),
    year              INT NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    month             INT NOT NULL CHECK (month BETWEEN 1 AND 12),
    qualitative_score NUMERIC NOT NULL,
    marketing_plans   INT NOT NULL CHECK (marketing_plans >= 0),
    product_items     INT NOT NULL CHECK (product_items >= 0),
    comment           TEXT,
    quantitative      NUMERIC NOT NULL,
    score             NUMERIC NOT NULL,
    breakdown         JSONB NOT NULL,
    standards         JSONB NOT NULL,
    as_of             TIMESTAMPTZ NOT NULL,
    created_by        TEXT NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by        TEXT,
    updated_at        TIMESTAMPTZ,
    UNIQUE (manager, year, month)
);
CREATE INDEX assessment_year ON assessment (year, month);

-- (An index on alert_event (alert_id, seq) was meant here, under a name V3 had taken: it was never built. V11 builds it.)
