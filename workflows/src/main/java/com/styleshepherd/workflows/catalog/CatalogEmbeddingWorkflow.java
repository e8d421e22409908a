package com.styleshepherd.workflows.catalog;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One embedding job: embeds every product whose text or picture changed since its last embedding
 * (or that has none for the current model), in batches on the {@code gpu} queue. Workflow id
 * {@code catalog-embedding-{jobId}}, task queue {@code catalog}. Progress is written to the job's
 * row in PostgreSQL after every batch (what {@code GET /api/ops/catalog/embeddings/{jobId}} reads);
 * the {@link #stage()} query tells the Temporal UI where the run is.
 */
@WorkflowInterface
public interface CatalogEmbeddingWorkflow {

    static String workflowId(String jobId) {
        return "catalog-embedding-" + jobId;
    }

    @WorkflowMethod
    EmbeddingJobResult embedCatalog(EmbeddingJobRequest request);

    /** PLANNING, EMBEDDING_TEXT, EMBEDDING_IMAGE, COMPLETED or FAILED. */
    @QueryMethod
    String stage();
}
