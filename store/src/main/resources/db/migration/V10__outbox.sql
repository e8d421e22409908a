-- Domain events (docs/events.md): each is written here in the transaction of the change it reports; the
-- relay in the regular worker publishes them to Kafka in id order and marks them published.
CREATE TABLE outbox_events (
    id             bigserial    PRIMARY KEY,
    event_id       uuid         NOT NULL UNIQUE,
    type           varchar(64)  NOT NULL,
    schema_version int          NOT NULL,
    aggregate_type varchar(32)  NOT NULL,
    aggregate_id   varchar(128) NOT NULL,
    occurred_at    timestamptz  NOT NULL DEFAULT now(),
    data           jsonb        NOT NULL,
    published_at   timestamptz
);
CREATE INDEX outbox_events_unpublished ON outbox_events (id) WHERE published_at IS NULL;

-- Events a consumer has applied, by event id: a redelivered event is dropped.
CREATE TABLE consumed_events (
    consumer    varchar(64) NOT NULL,
    event_id    uuid        NOT NULL,
    consumed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- The stock-alert consumer's view: the sizes sold out now, kept from StockSoldOut, StockReleased and
-- ProductChanged events.
CREATE TABLE stock_alerts (
    product_size_id bigint      PRIMARY KEY,
    product_id      bigint      NOT NULL,
    sku             varchar(64) NOT NULL,
    size            varchar(16) NOT NULL,
    sold_out_at     timestamptz NOT NULL,
    event_id        uuid        NOT NULL
);
