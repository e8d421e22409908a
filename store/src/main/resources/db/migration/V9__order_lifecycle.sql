-- The order after checkout (issue 25): an order workflow per order is the one writer of the order's
-- status, payment status and refunded amount; these columns mirror it for the shopper's and ops' reads.

ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN (
    'PLACED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'COMPLETED', 'CANCELLED', 'REFUNDED'));

-- NULL on orders placed before the order workflow: their payment status is read from payments.
ALTER TABLE orders ADD COLUMN payment_status VARCHAR(32)
    CHECK (payment_status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'REFUND_FAILED'));
-- What the payment took, and what went back (sum of the succeeded refunds): never more than was taken.
ALTER TABLE orders ADD COLUMN captured_amount NUMERIC(12,2) CHECK (captured_amount >= 0);
ALTER TABLE orders ADD COLUMN refunded_amount NUMERIC(12,2) NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0);
ALTER TABLE orders ADD CONSTRAINT orders_refund_within_capture
    CHECK (refunded_amount <= COALESCE(captured_amount, total));

-- One row per refund asked of the provider. The idempotency key is derived from what the refund is
-- for (refund-<orderId>-cancel, refund-<returnId>, an ops key), is sent to the provider and is unique
-- here: a retried or replayed activity finds the refund it made and never refunds twice.
CREATE TABLE order_refunds (
    id                  UUID          PRIMARY KEY,
    order_id            UUID          NOT NULL REFERENCES orders (id),
    idempotency_key     VARCHAR(255)  NOT NULL UNIQUE,
    return_id           UUID          REFERENCES returns (id),
    amount              NUMERIC(12,2) NOT NULL CHECK (amount > 0),
    currency            CHAR(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    reason              VARCHAR(32)   NOT NULL,
    status              VARCHAR(16)   NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    provider_refund_id  VARCHAR(255),
    failure_message     TEXT,
    created_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX order_refunds_order_idx ON order_refunds (order_id);

-- Units put back in stock after an order (cancellation, a return received in resellable condition),
-- once per key and line: a retried activity restocks nothing the second time.
CREATE TABLE order_restocks (
    restock_key    VARCHAR(255) NOT NULL,
    order_line_id  UUID         NOT NULL REFERENCES order_lines (id),
    quantity       INTEGER      NOT NULL CHECK (quantity > 0),
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (restock_key, order_line_id)
);

-- Shipments: an order may ship in parts. Each is a child workflow of the order's; this row mirrors it.
CREATE TABLE shipments (
    id               UUID         PRIMARY KEY,
    order_id         UUID         NOT NULL REFERENCES orders (id),
    status           VARCHAR(16)  NOT NULL CHECK (status IN (
                         'REQUESTED', 'LABEL_CREATED', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
    carrier          VARCHAR(64),
    tracking_number  VARCHAR(128),
    line_ids         UUID[]       NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX shipments_order_idx ON shipments (order_id);

-- Carrier webhooks are processed once: the primary key is the carrier's event id. An event is handed on
-- until it is marked processed, like stripe_webhook_events.
CREATE TABLE carrier_webhook_events (
    event_id      VARCHAR(255) PRIMARY KEY,
    shipment_id   UUID         NOT NULL,
    payload       JSONB        NOT NULL,
    received_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    processed_at  TIMESTAMPTZ
);

-- Returns are received per line with a condition, and refunded through the payment provider.
ALTER TABLE returns ADD COLUMN condition VARCHAR(16) CHECK (condition IN ('RESELLABLE', 'DAMAGED', 'UNRETURNABLE'));
ALTER TABLE returns ADD COLUMN refund_amount NUMERIC(12,2) CHECK (refund_amount >= 0);
ALTER TABLE returns ADD COLUMN received_at TIMESTAMPTZ;
