package com.styleshepherd.workflows.conversation;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One size prediction for {@code POST /api/size-prediction}: the gpu pool's size activity, run as a
 * short workflow on task queue {@code gpu} so that the api needs no model. Workflow id
 * {@code size-prediction-{requestId}}.
 */
@WorkflowInterface
public interface SizePredictionWorkflow {

    static String workflowId(String requestId) {
        return "size-prediction-" + requestId;
    }

    @WorkflowMethod
    SizePrediction predict(String userId, long productId);
}
