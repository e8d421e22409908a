-- Memory search ranks by embedding similarity (memories.embedding, written with each memory by the
-- model named in embedding_model); the full-text document it replaced is no longer read.
ALTER TABLE memories DROP COLUMN search_document;
