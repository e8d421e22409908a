-- Issue 24: which model version answered, and the promotion history ops roll back along.

-- The version a promotion replaced (null: none was promoted). A rollback follows it from the promoted version
-- and leaves it as it was, so rolling back again goes one further step back.
ALTER TABLE model_versions ADD COLUMN replaced_version INTEGER CHECK (replaced_version > 0);
