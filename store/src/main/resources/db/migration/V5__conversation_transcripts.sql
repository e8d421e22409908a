-- Voice and text conversations with the stylist (ConversationWorkflow). The workflow is the durable
-- source of a live conversation; these rows are its transcript, for the shopper, ops and training.
ALTER TABLE conversations
    ADD COLUMN turns        INTEGER     NOT NULL DEFAULT 0 CHECK (turns >= 0),
    ADD COLUMN end_reason   VARCHAR(32),
    ADD COLUMN last_turn_at TIMESTAMPTZ;

-- One row per answered turn; its id is the turn's id (the Update id), so a retried write is a no-op and
-- a repeated request finds the stored answer.
ALTER TABLE conversation_turns
    ADD COLUMN spoken        BOOLEAN       NOT NULL DEFAULT false,
    ADD COLUMN understood_by VARCHAR(100),
    ADD COLUMN product_ids   BIGINT[]      NOT NULL DEFAULT '{}',
    ADD COLUMN checkout_id   UUID          REFERENCES checkouts (id),
    -- The whole answer as the API returned it (TurnResult), to answer a repeated turn id identically.
    ADD COLUMN result        JSONB         NOT NULL DEFAULT '{}'::jsonb;
