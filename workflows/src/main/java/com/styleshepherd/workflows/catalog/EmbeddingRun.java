package com.styleshepherd.workflows.catalog;

/** One modality of a job, as the gpu activity runs it. */
public record EmbeddingRun(String jobId, Modality modality) {
}
