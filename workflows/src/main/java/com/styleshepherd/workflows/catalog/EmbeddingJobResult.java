package com.styleshepherd.workflows.catalog;

/**
 * How a job ended.
 *
 * @param embedded vectors written (text and pictures)
 * @param skipped products left without a vector this time, e.g. a picture that could not be read
 */
public record EmbeddingJobResult(int embedded, int skipped) {
}
