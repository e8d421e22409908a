-- Issue 24: which model version answered, and the promotion history ops roll back along.

-- The version a promotion replaced (null: none was promoted). A rollback follows it from the promoted version
-- and leaves it as it was, so rolling back again goes one further step back.
ALTER TABLE model_versions ADD COLUMN replaced_version INTEGER CHECK (replaced_version > 0);

-- The models behind a conversation turn's size advice ("size-model v1", "size-chart, usual-size"; "none" when
-- nothing could size the product); null when the turn gave no size advice. Checkout predictions record theirs in
-- return_predictions.model_id and model_version.
ALTER TABLE conversation_turns ADD COLUMN sized_by VARCHAR(200);
