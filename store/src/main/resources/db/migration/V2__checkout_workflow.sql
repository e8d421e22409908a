-- Checkout as the CheckoutWorkflow runs it (issue 3).

-- The statuses the workflow reports (CheckoutStatus); V1's draft list is replaced.
ALTER TABLE checkouts DROP CONSTRAINT checkouts_status_check;
ALTER TABLE checkouts ADD CONSTRAINT checkouts_status_check CHECK (status IN (
    'PENDING', 'RISK_REVIEWED', 'STOCK_RESERVED', 'PAYMENT_ACTION_REQUIRED', 'PAYMENT_DECLINED',
    'COMPLETED', 'CANCELLED', 'FAILED'));
ALTER TABLE checkouts ADD CONSTRAINT checkouts_failure_reason_check CHECK (failure_reason IN (
    'PRODUCT_UNAVAILABLE', 'OUT_OF_STOCK', 'PAYMENT_DECLINED', 'PAYMENT_ACTION_TIMEOUT', 'PAYMENT_ERROR',
    'CANCELLED_BY_OPS', 'INTERNAL_ERROR'));
-- The cart, payment method and address as the shopper sent them: an ops retry starts from it.
ALTER TABLE checkouts ADD COLUMN request JSONB NOT NULL DEFAULT '{}'::jsonb;
-- How many runs the workflow id has had (ops retries start new runs).
ALTER TABLE checkouts ADD COLUMN runs INTEGER NOT NULL DEFAULT 1 CHECK (runs > 0);

-- The frontend needs the client secret to finish 3-D Secure; attempts count retried payment methods.
ALTER TABLE payments ADD COLUMN client_secret VARCHAR(255);
ALTER TABLE payments ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1 CHECK (attempts > 0);

-- Orders keep where they ship.
ALTER TABLE orders ADD COLUMN shipping_address JSONB NOT NULL DEFAULT '{}'::jsonb;

-- Why the model scored what it did, next to its mitigations.
ALTER TABLE return_predictions ADD COLUMN reasons JSONB NOT NULL DEFAULT '[]'::jsonb;
