-- Learned models (issue 7): every trained version with its held-out metrics and weights, and which version
-- of each kind is promoted (the one the scoring activities load). Written by ModelTrainingWorkflow's
-- activities on the gpu pool; weights live here, never in the repository.
CREATE TABLE model_versions (
    id              BIGSERIAL    PRIMARY KEY,
    kind            VARCHAR(32)  NOT NULL CHECK (kind IN ('size', 'fit', 'return-risk')),
    version         INTEGER      NOT NULL CHECK (version > 0),
    -- The training workflow run and attempt-independent key: a retried activity finds its own row.
    training_run    VARCHAR(300) NOT NULL,
    trained_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    training_rows   INTEGER      NOT NULL CHECK (training_rows >= 0),
    test_rows       INTEGER      NOT NULL CHECK (test_rows >= 0),
    -- Where the rows came from: "shop orders 412 + public size data 119734".
    data_source     TEXT         NOT NULL,
    metric          VARCHAR(32)  NOT NULL,
    score           NUMERIC(12,6) NOT NULL,
    metrics         JSONB        NOT NULL DEFAULT '{}'::jsonb,
    decision        TEXT         NOT NULL,
    weights         BYTEA        NOT NULL,
    weights_sha256  CHAR(64)     NOT NULL,
    promoted_at     TIMESTAMPTZ,
    retired_at      TIMESTAMPTZ,
    UNIQUE (kind, version),
    UNIQUE (kind, training_run)
);
-- At most one promoted, unretired version per kind.
CREATE UNIQUE INDEX model_versions_promoted_uq ON model_versions (kind)
    WHERE promoted_at IS NOT NULL AND retired_at IS NULL;
