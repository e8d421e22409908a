-- Style Shepherd schema, version 1.
-- Money is NUMERIC(12,2) beside a CHAR(3) ISO 4217 currency code: never floating point.
-- Timestamps are TIMESTAMPTZ. Identifiers that leave the service (checkouts, orders, payments,
-- returns, conversations, memories) are UUIDs; catalog rows keep compact BIGINT ids.
-- Released migrations are never edited: change the schema in a new V<n>__ file.

-- ---------------------------------------------------------------------------------------------
-- Catalog
-- ---------------------------------------------------------------------------------------------
CREATE TABLE products (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku             VARCHAR(64)   NOT NULL UNIQUE,
    name            VARCHAR(200)  NOT NULL,
    description     TEXT          NOT NULL,
    category        VARCHAR(64)   NOT NULL,
    brand           VARCHAR(100),
    color           VARCHAR(40),
    price           NUMERIC(12,2) NOT NULL CHECK (price >= 0),
    currency        CHAR(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- Free-form descriptive attributes (material, fit, occasions, season...) for search and styling.
    attributes      JSONB         NOT NULL DEFAULT '{}'::jsonb,
    -- Bumped on every change of what a shopper reads; embeddings older than this are stale.
    content_version INTEGER       NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    search_document TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(name, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(category, '') || ' ' || coalesce(color, '') || ' ' || coalesce(brand, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(description, '')), 'C')
    ) STORED
);
CREATE INDEX products_category_idx ON products (category);
CREATE INDEX products_price_idx ON products (price);
CREATE INDEX products_search_idx ON products USING GIN (search_document);

-- One row per size a product is offered in. `stock` is what can still be sold: reserving takes
-- units out of it atomically, releasing or expiring a reservation puts them back.
CREATE TABLE product_sizes (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id  BIGINT      NOT NULL REFERENCES products (id),
    size        VARCHAR(16) NOT NULL,
    position    SMALLINT    NOT NULL,
    stock       INTEGER     NOT NULL CHECK (stock >= 0),
    -- Sizes dropped from a product stay (reservations and order lines point at them) but are not sold.
    active      BOOLEAN     NOT NULL DEFAULT TRUE,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (product_id, size)
);

CREATE TABLE product_embeddings (
    product_id      BIGINT       NOT NULL REFERENCES products (id),
    model_id        VARCHAR(100) NOT NULL,
    model_version   VARCHAR(50)  NOT NULL,
    content_version INTEGER      NOT NULL,
    dimensions      INTEGER      NOT NULL CHECK (dimensions > 0),
    vector          REAL[]       NOT NULL CHECK (cardinality(vector) = dimensions),
    embedded_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (product_id, model_id)
);

-- ---------------------------------------------------------------------------------------------
-- Shoppers
-- ---------------------------------------------------------------------------------------------
-- `id` is the subject of the shopper's access token (the identity provider's user id).
CREATE TABLE users (
    id           VARCHAR(128) PRIMARY KEY,
    email        VARCHAR(320),
    display_name VARCHAR(200),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    erased_at    TIMESTAMPTZ
);

-- Body measurements in centimetres and kilograms (units are in the column names);
-- usual sizes per category ({"dresses":"M","shoes":"39"}); style preferences
-- ({"colours":[],"styles":[],"occasions":[]}); budget as a money range.
CREATE TABLE profiles (
    user_id             VARCHAR(128) PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    height_cm           NUMERIC(5,1) CHECK (height_cm BETWEEN 50 AND 260),
    weight_kg           NUMERIC(5,1) CHECK (weight_kg BETWEEN 20 AND 350),
    bust_cm             NUMERIC(5,1) CHECK (bust_cm BETWEEN 40 AND 200),
    chest_cm            NUMERIC(5,1) CHECK (chest_cm BETWEEN 40 AND 200),
    waist_cm            NUMERIC(5,1) CHECK (waist_cm BETWEEN 30 AND 200),
    hips_cm             NUMERIC(5,1) CHECK (hips_cm BETWEEN 40 AND 200),
    inseam_cm           NUMERIC(5,1) CHECK (inseam_cm BETWEEN 30 AND 130),
    usual_sizes         JSONB        NOT NULL DEFAULT '{}'::jsonb,
    style_preferences   JSONB        NOT NULL DEFAULT '{}'::jsonb,
    budget_min          NUMERIC(12,2) CHECK (budget_min >= 0),
    budget_max          NUMERIC(12,2) CHECK (budget_max >= 0),
    budget_currency     CHAR(3)       CHECK (budget_currency ~ '^[A-Z]{3}$'),
    updated_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK (budget_min IS NULL OR budget_max IS NULL OR budget_min <= budget_max),
    CHECK ((budget_min IS NULL AND budget_max IS NULL) OR budget_currency IS NOT NULL)
);

-- ---------------------------------------------------------------------------------------------
-- Checkout, stock, payments, orders
-- ---------------------------------------------------------------------------------------------
-- Mirror of CheckoutWorkflow state for listing; the workflow is the source of truth while it runs.
-- The idempotency key is global because the workflow id (checkout-{key}) is; request_hash detects
-- the same key reused with a different cart.
CREATE TABLE checkouts (
    id               UUID         PRIMARY KEY,
    user_id          VARCHAR(128) REFERENCES users (id),
    idempotency_key  VARCHAR(255) NOT NULL UNIQUE,
    request_hash     CHAR(64)     NOT NULL,
    workflow_id      VARCHAR(300) NOT NULL UNIQUE,
    status           VARCHAR(32)  NOT NULL CHECK (status IN (
                         'STARTED', 'PRICED', 'RISK_SCORED', 'STOCK_RESERVED', 'PAYMENT_PENDING',
                         'REQUIRES_ACTION', 'PAYMENT_DECLINED', 'PAID', 'COMPLETED', 'FAILED',
                         'CANCELLED', 'COMPENSATED')),
    subtotal         NUMERIC(12,2) CHECK (subtotal >= 0),
    total            NUMERIC(12,2) CHECK (total >= 0),
    currency         CHAR(3)       CHECK (currency ~ '^[A-Z]{3}$'),
    failure_reason   TEXT,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX checkouts_user_idx ON checkouts (user_id, created_at DESC);
CREATE INDEX checkouts_status_idx ON checkouts (status, updated_at);

-- Units held for a checkout until it pays or the hold expires. One row per checkout and size, so a
-- retried reserve activity finds its own hold instead of taking stock twice.
CREATE TABLE stock_reservations (
    id               UUID        PRIMARY KEY,
    checkout_id      UUID        NOT NULL REFERENCES checkouts (id),
    product_size_id  BIGINT      NOT NULL REFERENCES product_sizes (id),
    quantity         INTEGER     NOT NULL CHECK (quantity > 0),
    status           VARCHAR(16) NOT NULL CHECK (status IN ('HELD', 'RELEASED', 'EXPIRED', 'SOLD')),
    expires_at       TIMESTAMPTZ NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (checkout_id, product_size_id)
);
CREATE INDEX stock_reservations_expiry_idx ON stock_reservations (expires_at) WHERE status = 'HELD';

CREATE TABLE payments (
    id                   UUID          PRIMARY KEY,
    checkout_id          UUID          NOT NULL REFERENCES checkouts (id),
    provider             VARCHAR(32)   NOT NULL,
    provider_payment_id  VARCHAR(255)  UNIQUE,
    -- Sent to the provider with every create call, so a retried call never makes a second intent.
    idempotency_key      VARCHAR(255)  NOT NULL UNIQUE,
    status               VARCHAR(32)   NOT NULL CHECK (status IN (
                             'CREATED', 'REQUIRES_ACTION', 'PROCESSING', 'SUCCEEDED', 'DECLINED',
                             'CANCELLED', 'REFUNDED')),
    amount               NUMERIC(12,2) NOT NULL CHECK (amount >= 0),
    currency             CHAR(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    payment_method       VARCHAR(255),
    failure_code         VARCHAR(100),
    failure_message      TEXT,
    created_at           TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX payments_checkout_idx ON payments (checkout_id);

-- One order per checkout (UNIQUE checkout_id): creating it twice is impossible.
-- user_id becomes NULL when the shopper erases their data; the order itself stays for accounting.
CREATE TABLE orders (
    id           UUID          PRIMARY KEY,
    checkout_id  UUID          NOT NULL UNIQUE REFERENCES checkouts (id),
    user_id      VARCHAR(128)  REFERENCES users (id),
    status       VARCHAR(32)   NOT NULL CHECK (status IN (
                     'PLACED', 'SHIPPED', 'DELIVERED', 'COMPLETED', 'CANCELLED', 'REFUNDED')),
    subtotal     NUMERIC(12,2) NOT NULL CHECK (subtotal >= 0),
    total        NUMERIC(12,2) NOT NULL CHECK (total >= 0),
    currency     CHAR(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    anonymised_at TIMESTAMPTZ,
    created_at   TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX orders_user_idx ON orders (user_id, created_at DESC);

-- Lines keep the name, size and price the shopper paid, whatever the catalog says later.
CREATE TABLE order_lines (
    id               UUID          PRIMARY KEY,
    order_id         UUID          NOT NULL REFERENCES orders (id),
    line_no          SMALLINT      NOT NULL CHECK (line_no > 0),
    product_id       BIGINT        NOT NULL REFERENCES products (id),
    product_size_id  BIGINT        NOT NULL REFERENCES product_sizes (id),
    sku              VARCHAR(64)   NOT NULL,
    product_name     VARCHAR(200)  NOT NULL,
    category         VARCHAR(64)   NOT NULL,
    size             VARCHAR(16)   NOT NULL,
    quantity         INTEGER       NOT NULL CHECK (quantity > 0),
    unit_price       NUMERIC(12,2) NOT NULL CHECK (unit_price >= 0),
    line_total       NUMERIC(12,2) NOT NULL CHECK (line_total >= 0),
    currency         CHAR(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    UNIQUE (order_id, line_no)
);

-- What the return-risk model said before the shopper paid: one row per cart line (line_no) and
-- one for the whole basket (line_no NULL).
CREATE TABLE return_predictions (
    id             UUID         PRIMARY KEY,
    checkout_id    UUID         NOT NULL REFERENCES checkouts (id),
    line_no        SMALLINT     CHECK (line_no > 0),
    product_id     BIGINT       REFERENCES products (id),
    size           VARCHAR(16),
    probability    NUMERIC(5,4) NOT NULL CHECK (probability BETWEEN 0 AND 1),
    risk_level     VARCHAR(8)   NOT NULL CHECK (risk_level IN ('LOW', 'MEDIUM', 'HIGH')),
    model_id       VARCHAR(100) NOT NULL,
    model_version  VARCHAR(50)  NOT NULL,
    features       JSONB        NOT NULL DEFAULT '{}'::jsonb,
    mitigations    JSONB        NOT NULL DEFAULT '[]'::jsonb,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX return_predictions_line_uq
    ON return_predictions (checkout_id, coalesce(line_no, 0), model_id, model_version);

-- At most one return per order line ("once per line").
CREATE TABLE returns (
    id             UUID         PRIMARY KEY,
    order_id       UUID         NOT NULL REFERENCES orders (id),
    order_line_id  UUID         NOT NULL UNIQUE REFERENCES order_lines (id),
    user_id        VARCHAR(128) REFERENCES users (id),
    quantity       INTEGER      NOT NULL CHECK (quantity > 0),
    reason         VARCHAR(16)  NOT NULL CHECK (reason IN ('TOO_SMALL', 'TOO_LARGE', 'STYLE', 'QUALITY', 'OTHER')),
    comment        TEXT,
    status         VARCHAR(16)  NOT NULL DEFAULT 'REQUESTED'
                       CHECK (status IN ('REQUESTED', 'RECEIVED', 'REFUNDED', 'REJECTED')),
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX returns_user_idx ON returns (user_id, created_at DESC);

-- Every Stripe event is processed once: the primary key is Stripe's event id.
CREATE TABLE stripe_webhook_events (
    event_id      VARCHAR(255) PRIMARY KEY,
    type          VARCHAR(100) NOT NULL,
    payload       JSONB        NOT NULL,
    received_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    processed_at  TIMESTAMPTZ
);

-- ---------------------------------------------------------------------------------------------
-- Conversations and memory
-- ---------------------------------------------------------------------------------------------
CREATE TABLE conversations (
    id           UUID         PRIMARY KEY,
    user_id      VARCHAR(128) REFERENCES users (id) ON DELETE CASCADE,
    workflow_id  VARCHAR(300) NOT NULL UNIQUE,
    status       VARCHAR(16)  NOT NULL CHECK (status IN ('ACTIVE', 'ENDED')),
    started_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    ended_at     TIMESTAMPTZ
);
CREATE INDEX conversations_user_idx ON conversations (user_id, started_at DESC);

CREATE TABLE conversation_turns (
    id               UUID        PRIMARY KEY,
    conversation_id  UUID        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    turn_no          INTEGER     NOT NULL CHECK (turn_no > 0),
    transcript       TEXT        NOT NULL,
    intent           VARCHAR(50),
    entities         JSONB       NOT NULL DEFAULT '{}'::jsonb,
    reply            TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (conversation_id, turn_no)
);

CREATE TABLE memories (
    id              UUID         PRIMARY KEY,
    user_id         VARCHAR(128) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    type            VARCHAR(16)  NOT NULL CHECK (type IN ('preference', 'fact', 'feedback')),
    text            TEXT         NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
    metadata        JSONB        NOT NULL DEFAULT '{}'::jsonb,
    embedding       REAL[],
    embedding_model VARCHAR(100),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    search_document TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', text)) STORED
);
CREATE INDEX memories_user_idx ON memories (user_id, created_at DESC);
CREATE INDEX memories_search_idx ON memories USING GIN (search_document);
