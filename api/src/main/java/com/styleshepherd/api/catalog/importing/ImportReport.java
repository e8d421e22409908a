package com.styleshepherd.api.catalog.importing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What an import did. Importing the same file again reports every row {@code unchanged}.
 *
 * @param rowsRead data rows in the file (header excluded)
 * @param rejections the rejected rows (the first 1,000), each with its line and why
 * @param embeddingJobId the embedding job started for the created and updated products, if any
 * @param imagesStored pictures stored in object storage from the image folder (products that had theirs stored
 *     already are not counted)
 * @param imageProblems rows saved without their picture (the first 1,000): missing from the image folder, or
 *     refused (not a JPEG, PNG or WebP picture, damaged, too large)
 */
@Serdeable
public record ImportReport(
        String importId,
        String format,
        String mapping,
        String sha256,
        int rowsRead,
        int created,
        int updated,
        int unchanged,
        int rejected,
        List<Rejection> rejections,
        @Nullable String embeddingJobId,
        int imagesStored,
        List<Rejection> imageProblems) {

    /** A row that was not imported: its line in the file (1 is the first line), its SKU if read, and why. */
    @Serdeable
    public record Rejection(long line, @Nullable String sku, String reason) {
    }
}
