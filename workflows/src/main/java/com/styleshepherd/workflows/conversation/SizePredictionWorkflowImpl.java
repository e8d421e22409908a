package com.styleshepherd.workflows.conversation;

import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * {@link SizePredictionWorkflow}: the size activity as a local activity of the gpu worker that runs this
 * workflow (the same process holds the models), so a prediction costs one workflow task.
 */
public class SizePredictionWorkflowImpl implements SizePredictionWorkflow {

    private final SizeAdviceActivities sizing = Workflow.newLocalActivityStub(SizeAdviceActivities.class,
            LocalActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3)
                            .setDoNotRetry("PRODUCT_NOT_FOUND").build())
                    .build());

    @Override
    public SizePrediction predict(String userId, long productId) {
        return sizing.predictSize(userId, productId);
    }
}
