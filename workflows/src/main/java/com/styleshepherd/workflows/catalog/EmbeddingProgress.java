package com.styleshepherd.workflows.catalog;

/**
 * The gpu activity's heartbeat after each finished batch; a retry (another gpu worker, after the first
 * was killed) starts after {@code lastProductId}, or after the last batch saved where that is further.
 *
 * @param lastProductId products are embedded in id order; every one up to this id is done
 * @param embedded vectors written by this run so far
 * @param skipped products this run could not embed (unreadable pictures)
 */
public record EmbeddingProgress(long lastProductId, int embedded, int skipped) {

    public static final EmbeddingProgress START = new EmbeddingProgress(0, 0, 0);
}
