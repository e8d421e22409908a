package com.styleshepherd.workflows.models;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Retrains the size, fit and return-risk models and promotes each candidate only when it beats the
 * promoted version on held-out data. Runs on task queue {@code gpu}: from the Temporal Schedule
 * {@link #CRON_WORKFLOW_ID} (created by the gpu worker with {@code styleshepherd.models.training.cron}), and
 * on demand from {@code POST /api/ops/models/training}.
 */
@WorkflowInterface
public interface ModelTrainingWorkflow {

    String CRON_WORKFLOW_ID = "model-training";

    static String onDemandWorkflowId(String runId) {
        return "model-training-" + runId;
    }

    @WorkflowMethod
    List<CandidateReport> train(List<ModelKind> kinds);

    /** TRAINING_SIZE, TRAINING_FIT, TRAINING_RETURN_RISK, PROMOTING_… or DONE. */
    @QueryMethod
    String stage();
}
