-- Catalog embeddings, search and catalog import (issue 5).

-- A product's picture: a file name under styleshepherd.catalog.image-root, or an http(s) URL.
-- A new picture is a change of what a shopper sees, so the save bumps content_version with it.
ALTER TABLE products ADD COLUMN image_ref VARCHAR(500);

-- Every write of a vector takes the next revision, so a search index catches up by reading the
-- rows past the last revision it holds (an index on (model_id, revision) keeps that a range scan).
CREATE SEQUENCE product_embeddings_revision_seq;
ALTER TABLE product_embeddings
    ADD COLUMN revision BIGINT NOT NULL DEFAULT nextval('product_embeddings_revision_seq');
ALTER SEQUENCE product_embeddings_revision_seq OWNED BY product_embeddings.revision;
CREATE INDEX product_embeddings_revision_idx ON product_embeddings (model_id, revision);

-- One row per embedding job (CatalogEmbeddingWorkflow run): what it found to do and how far it got.
CREATE TABLE embedding_jobs (
    id            UUID         PRIMARY KEY,
    state         VARCHAR(16)  NOT NULL CHECK (state IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')),
    -- The models it embeds with, e.g. {"text":"all-MiniLM-L6-v2/onnx-int8","image":"colour-texture/1"}.
    models        JSONB        NOT NULL DEFAULT '{}'::jsonb,
    -- Products found waiting when the job planned ("total" would read as money to the schema's checks).
    planned       INTEGER      NOT NULL DEFAULT 0 CHECK (planned >= 0),
    processed     INTEGER      NOT NULL DEFAULT 0 CHECK (processed >= 0),
    -- Products left without a vector this time (e.g. a picture that could not be read).
    skipped       INTEGER      NOT NULL DEFAULT 0 CHECK (skipped >= 0),
    requested_by  VARCHAR(128),
    error         TEXT,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ,
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
-- At most one job runs at a time: a second request joins the running one.
CREATE UNIQUE INDEX embedding_jobs_one_active_idx ON embedding_jobs ((TRUE)) WHERE state IN ('PENDING', 'RUNNING');
CREATE INDEX embedding_jobs_created_idx ON embedding_jobs (created_at DESC);

-- Catalog imports: one row per uploaded file, keyed by its SHA-256, with the report it produced.
CREATE TABLE catalog_imports (
    id            UUID         PRIMARY KEY,
    sha256        CHAR(64)     NOT NULL,
    format        VARCHAR(32)  NOT NULL,
    rows_read     INTEGER      NOT NULL CHECK (rows_read >= 0),
    created       INTEGER      NOT NULL CHECK (created >= 0),
    updated       INTEGER      NOT NULL CHECK (updated >= 0),
    unchanged     INTEGER      NOT NULL CHECK (unchanged >= 0),
    rejected      INTEGER      NOT NULL CHECK (rejected >= 0),
    report        JSONB        NOT NULL,
    imported_by   VARCHAR(128),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX catalog_imports_created_idx ON catalog_imports (created_at DESC);
