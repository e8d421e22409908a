-- Product images live in S3-compatible object storage (issue 26): a product keeps the object's key, the
-- picture's format as sniffed from its bytes, its size and its SHA-256 (the key is derived from it, so the
-- same picture uploaded twice is one object and changes nothing). image_ref stays: what the picture was
-- read from (a file name under the image root, or a URL), and the fallback for rows from before.
ALTER TABLE products
    ADD COLUMN image_key VARCHAR(300),
    ADD COLUMN image_content_type VARCHAR(40),
    ADD COLUMN image_size BIGINT,
    ADD COLUMN image_sha256 CHAR(64),
    ADD CONSTRAINT products_image_object_complete CHECK (
        (image_key IS NULL AND image_content_type IS NULL AND image_size IS NULL AND image_sha256 IS NULL)
        OR (image_key IS NOT NULL AND image_content_type IS NOT NULL AND image_size > 0 AND image_sha256 IS NOT NULL));
